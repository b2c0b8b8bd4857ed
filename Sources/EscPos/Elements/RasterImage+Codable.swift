// The JSON form of an image block: the source is exactly one of "path", "data" (base64 file bytes)
// or "pixels" ({"width", "height", "gray": base64}); options left at their defaults are not written.

extension RasterImage: Codable {
    static let codingKeys: Set<String> = [
        "path", "data", "pixels", "width", "height", "upscale", "dithering", "threshold", "brightness", "contrast",
        "invert", "alignment", "doubleWidth", "doubleHeight", "command",
    ]

    /// Reads an image from its JSON object (the `"type"` field, if any, is the block's).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(allowed: Self.codingKeys.union(["type"]), in: "an \"image\" block")
        let path: String? = try container.decodeIfPresent("path")
        let data: String? = try container.decodeIfPresent("data")
        let pixels: PixelsJSON? = try container.decodeIfPresent("pixels")
        let here = DocumentPath(codingPath: decoder.codingPath)
        switch (path, data, pixels) {
        case (let path?, nil, nil):
            self.init(path: path)
        case (nil, let text?, nil):
            guard let bytes = Base64.decode(text) else {
                throw EscPosError(
                    .invalidDocument,
                    at: container.path("data"),
                    "\"data\" must be the image file in base64 (RFC 4648), such as \"iVBORw0KGgo…\"."
                )
            }
            self.init(data: bytes)
        case (nil, nil, let pixels?):
            self.init(pixels.image)
        default:
            throw EscPosError(
                .invalidDocument,
                at: here,
                "an image needs exactly one source: \"path\" (a file), \"data\" (a base64 PNG or JPEG) or \"pixels\"."
            )
        }
        width = try container.decodeIfPresent("width")
        height = try container.decodeIfPresent("height")
        upscale = try container.decodeIfPresent("upscale") ?? false
        dithering = try container.decodeIfPresent("dithering") ?? .floydSteinberg
        threshold = try container.decodeIfPresent("threshold") ?? 128
        brightness = try container.decodeIfPresent("brightness") ?? 0
        contrast = try container.decodeIfPresent("contrast") ?? 0
        inverted = try container.decodeIfPresent("invert") ?? false
        alignment = try container.decodeIfPresent("alignment")
        doubleWidth = try container.decodeIfPresent("doubleWidth") ?? false
        doubleHeight = try container.decodeIfPresent("doubleHeight") ?? false
        command = try container.decodeIfPresent("command")
        try validate(at: here)
    }

    /// Writes the image's fields; the enclosing ``Block`` adds `"type": "image"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        switch source {
        case .path(let path): try container.encode(path, "path")
        case .data(let bytes): try container.encode(Base64.encode(bytes), "data")
        case .pixels(let image): try container.encode(PixelsJSON(image), "pixels")
        }
        try container.encodeIfPresent(width, "width")
        try container.encodeIfPresent(height, "height")
        if upscale { try container.encode(true, "upscale") }
        if dithering != .floydSteinberg { try container.encode(dithering, "dithering") }
        if threshold != 128 { try container.encode(threshold, "threshold") }
        if brightness != 0 { try container.encode(brightness, "brightness") }
        if contrast != 0 { try container.encode(contrast, "contrast") }
        if inverted { try container.encode(true, "invert") }
        try container.encodeIfPresent(alignment, "alignment")
        if doubleWidth { try container.encode(true, "doubleWidth") }
        if doubleHeight { try container.encode(true, "doubleHeight") }
        try container.encodeIfPresent(command, "command")
    }
}

/// `{"width": 2, "height": 1, "gray": "AP8="}`: gray pixels, row by row, base64.
private struct PixelsJSON: Codable {
    var image: GrayImage

    init(_ image: GrayImage) { self.image = image }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(allowed: ["width", "height", "gray"], in: "image pixels")
        let width: Int = try container.decode("width")
        let height: Int = try container.decode("height")
        let text: String = try container.decode("gray")
        guard let bytes = Base64.decode(text) else {
            throw EscPosError(
                .invalidDocument,
                at: container.path("gray"),
                "\"gray\" must be the gray pixels (one byte each) in base64."
            )
        }
        do {
            image = try GrayImage(width: width, height: height, pixels: bytes)
        } catch let error as EscPosError {
            throw EscPosError(error.code, at: DocumentPath(codingPath: decoder.codingPath), error.message)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(image.width, "width")
        try container.encode(image.height, "height")
        try container.encode(Base64.encode(image.pixels), "gray")
    }
}
