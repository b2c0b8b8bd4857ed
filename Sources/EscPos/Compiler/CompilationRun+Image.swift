// Image blocks: source → gray → scaled → adjusted → dithered once as a whole → aligned → encoded in bands
// with the profile's graphics command.

extension CompilationRun {
    mutating func rasterImage(
        _ image: RasterImage,
        alignment: TextStyle.Alignment,
        path: DocumentPath
    ) throws(EscPosError) {
        guard let command = try graphicsCommand(for: image, path: path) else { return }
        let available = profile.dotWidth / (image.doubleWidth ? 2 : 1)
        var gray = try scaled(try pixels(of: image, path: path), image, available: available, path: path)
        gray = gray.adjusted(brightness: image.brightness, contrast: image.contrast)
        if image.inverted { gray = gray.inverted() }
        var bitmap = gray.dithered(image.dithering, threshold: image.threshold)
        let room = available - bitmap.width
        let offset = alignment == .center ? room / 2 : alignment == .right ? room : 0
        if offset > 0 { bitmap = bitmap.placed(inWidth: offset + bitmap.width, atOffset: offset) }

        // Margins, print-area width, alignment and line spacing all move or clip graphics on some
        // printers: print the image from the power-on state, which the next text block leaves again.
        emitStyle(.printerDefault)
        let encoder = RasterEncoder(
            doubleWidth: image.doubleWidth,
            doubleHeight: image.doubleHeight,
            bandHeight: profile.limits.maxRasterBandHeight
        )
        switch command {
        case .rasterBitImage: encoder.rasterBitImage(bitmap, into: &output)
        case .graphics: encoder.graphics(bitmap, into: &output)
        case .columnBitImage: encoder.columnBitImage(bitmap, into: &output)  // ends with ESC 2, the default
        }
    }

    /// The command for this image: the one it asks for if the profile has it, else the profile's first.
    private mutating func graphicsCommand(
        for image: RasterImage,
        path: DocumentPath
    ) throws(EscPosError) -> PrinterProfile.GraphicsCommand? {
        let commands = profile.capabilities.graphics
        guard let best = commands.first else {
            _ = try supported(false, "graphics (no bit-image command is listed)", at: path)
            return nil
        }
        guard let wanted = image.command, !commands.contains(wanted) else { return image.command ?? best }
        let message =
            "\(profile.name) does not support the \(wanted.rawValue) graphics command; the image is sent with \(best.rawValue) instead. Remove \"command\" or use one of \(commands.map(\.rawValue).joined(separator: ", "))."
        if strict { throw EscPosError(.unsupportedByProfile, at: path.appending("command"), message) }
        warnings.append(CompileWarning(.unsupportedByProfile, at: path.appending("command"), message))
        return best
    }

    /// The image's gray pixels, decoding files with the caller's decoder.
    private func pixels(of image: RasterImage, path: DocumentPath) throws(EscPosError) -> GrayImage {
        let key: String
        switch image.source {
        case .pixels(let gray): return gray
        case .data: key = "data"
        case .path: key = "path"
        }
        guard let decoder = imageDecoder else {
            throw EscPosError(
                .missingRenderer,
                at: path.appending(key),
                "this image is an image file, but the compiler has no image decoder; pass CompileOptions(imageDecoder: ImageDecoder()) from EscPosImaging, or give the image as gray pixels."
            )
        }
        do {
            switch image.source {
            case .data(let bytes): return try decoder.decodeImage(bytes, pixelLimit: imagePixelLimit)
            case .path(let file):
                return try decoder.decodeImage(atPath: file, inDirectory: imageDirectory, pixelLimit: imagePixelLimit)
            case .pixels(let gray): return gray
            }
        } catch let error as EscPosError {
            throw EscPosError(error.code, at: path.appending(key), error.message)
        } catch {
            throw EscPosError(.invalidImage, at: path.appending(key), "the image could not be decoded: \(error)")
        }
    }

    /// Scales to the requested size, or shrinks to the printable width (enlarging only when asked).
    private func scaled(
        _ gray: GrayImage,
        _ image: RasterImage,
        available: Int,
        path: DocumentPath
    ) throws(EscPosError) -> GrayImage {
        let line =
            image.doubleWidth
            ? "\(available) dots (half of \(profile.name)'s \(profile.dotWidth)-dot line, as it is printed double width)"
            : "\(profile.name)'s \(available)-dot line"
        let width: Int
        let height: Int
        switch (image.width, image.height) {
        case (nil, nil):
            // The same rule as GrayImage.fitted(toWidth:allowUpscaling:), with the size checked first.
            guard gray.width > available || (image.upscale && gray.width < available) else { return gray }
            width = available
            height = GrayImage.scaledLength(gray.height, by: available, over: gray.width)
        case (let requested?, let requestedHeight):
            guard requested <= available else {
                throw EscPosError(
                    .doesNotFit,
                    at: path.appending("width"),
                    "an image \(requested) dots wide does not fit \(line); use a width up to \(available), or leave \"width\" out to fit the paper."
                )
            }
            width = requested
            height = requestedHeight ?? GrayImage.scaledLength(gray.height, by: requested, over: gray.width)
        case (nil, let requested?):
            height = requested
            width = GrayImage.scaledLength(gray.width, by: requested, over: gray.height)
            guard width <= available else {
                throw EscPosError(
                    .doesNotFit,
                    at: path.appending("height"),
                    "at \(requested) dots high the image is \(width) dots wide, which does not fit \(line); lower \"height\" or set \"width\" too."
                )
            }
        }
        // A requested height can turn a small image into a huge one: keep memory bounded.
        guard width * height <= imagePixelLimit else {
            throw EscPosError(
                .invalidImage,
                at: path.appending("height"),
                "the printed image would be \(width)×\(height) dots, more than the limit of \(imagePixelLimit) pixels; lower \"height\"."
            )
        }
        return gray.resized(width: width, height: height)
    }
}
