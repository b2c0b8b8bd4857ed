/// A picture printed as dots: a logo, a signature, a photo or anything drawn by your own code.
///
/// The image is converted to gray, scaled to fit the paper, dithered as a whole and sent in bands with the
/// best graphics command the ``PrinterProfile`` lists (`GS v 0`, `GS ( L` or `ESC *`). Creating one never
/// fails; ``ReceiptCompiler`` checks it and reports an ``EscPosError`` with the block's path.
///
/// ```swift
/// RasterImage(path: "/etc/shop/logo.png").width(384).dithering(.threshold).alignment(.center)
/// RasterImage(signature).alignment(.right)          // a GrayImage you made
/// RasterImage(data: pngBytes).brightness(0.15)     // file bytes, decoded at compile time
/// ```
///
/// File bytes and paths need an ``ImageDecoding`` in ``CompileOptions/imageDecoder`` (the `EscPosImaging`
/// module provides one for PNG and JPEG); gray pixels need none.
///
/// In JSON: `{"type": "image", "path": "logo.png", "width": 384, "dithering": "threshold",
/// "alignment": "center"}`, with the file as `"data"` (base64) or pixels as
/// `"pixels": {"width": 2, "height": 1, "gray": "AP8="}` instead of `"path"`.
public struct RasterImage: Hashable, Sendable {
    /// Where the pixels come from.
    public enum Source: Hashable, Sendable {
        /// Gray pixels, ready to print.
        case pixels(GrayImage)
        /// An image file's bytes (PNG or JPEG), base64 in JSON.
        case data([UInt8])
        /// The path of an image file on the machine that compiles the receipt.
        case path(String)
    }

    /// Where the pixels come from.
    public var source: Source
    /// The printed width in dots; `nil` keeps the image's width, shrunk to the printable width if wider.
    public var width: Int?
    /// The printed height in dots; `nil` keeps the aspect ratio.
    public var height: Int?
    /// Whether an image narrower than the paper is enlarged to the printable width (when no size is given).
    public var upscale: Bool
    /// How gray becomes dots.
    public var dithering: Dithering
    /// The gray level below which a pixel prints, 0–256 (see ``GrayImage/dithered(_:threshold:)``).
    public var threshold: Int
    /// Brightness change, −1…1 (see ``GrayImage/adjusted(brightness:contrast:)``).
    public var brightness: Double
    /// Contrast change, −1…1.
    public var contrast: Double
    /// Whether black and white are swapped.
    public var inverted: Bool
    /// Where an image narrower than the paper sits; `nil` inherits the enclosing group's alignment (left at the top).
    public var alignment: TextStyle.Alignment?
    /// Print each dot twice as wide (the image may then be at most half the printable width).
    public var doubleWidth: Bool
    /// Print each dot twice as tall.
    public var doubleHeight: Bool
    /// The graphics command to use if the profile supports it; `nil` uses the profile's first choice.
    public var command: PrinterProfile.GraphicsCommand?

    /// Creates an image block from any source, with default options.
    public init(source: Source) {
        self.source = source
        self.width = nil
        self.height = nil
        self.upscale = false
        self.dithering = .floydSteinberg
        self.threshold = 128
        self.brightness = 0
        self.contrast = 0
        self.inverted = false
        self.alignment = nil
        self.doubleWidth = false
        self.doubleHeight = false
        self.command = nil
    }

    /// Prints gray pixels you already have.
    public init(_ image: GrayImage) { self.init(source: .pixels(image)) }

    /// Prints an image file given as bytes (PNG or JPEG).
    public init(data: [UInt8]) { self.init(source: .data(data)) }

    /// Prints the image file at `path`, read when the receipt is compiled.
    public init(path: String) { self.init(source: .path(path)) }

    private func with(_ change: (inout RasterImage) -> Void) -> RasterImage {
        var copy = self
        change(&copy)
        return copy
    }

    /// The printed width in dots (the height follows the aspect ratio unless set too).
    public func width(_ dots: Int) -> RasterImage { with { $0.width = dots } }
    /// The printed height in dots (the width follows the aspect ratio unless set too).
    public func height(_ dots: Int) -> RasterImage { with { $0.height = dots } }
    /// The printed size in dots.
    public func size(width: Int, height: Int) -> RasterImage {
        with {
            $0.width = width
            $0.height = height
        }
    }
    /// Enlarges an image narrower than the paper to the printable width.
    public func upscale(_ on: Bool = true) -> RasterImage { with { $0.upscale = on } }
    /// The dithering method.
    public func dithering(_ method: Dithering) -> RasterImage { with { $0.dithering = method } }
    /// The gray level below which pixels print, 0–256.
    public func threshold(_ level: Int) -> RasterImage { with { $0.threshold = level } }
    /// Brightness change, −1…1.
    public func brightness(_ amount: Double) -> RasterImage { with { $0.brightness = amount } }
    /// Contrast change, −1…1.
    public func contrast(_ amount: Double) -> RasterImage { with { $0.contrast = amount } }
    /// Swaps black and white.
    public func inverted(_ on: Bool = true) -> RasterImage { with { $0.inverted = on } }
    /// Where a narrow image sits on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> RasterImage { with { $0.alignment = alignment } }
    /// Prints each dot twice as wide.
    public func doubleWidth(_ on: Bool = true) -> RasterImage { with { $0.doubleWidth = on } }
    /// Prints each dot twice as tall.
    public func doubleHeight(_ on: Bool = true) -> RasterImage { with { $0.doubleHeight = on } }
    /// The graphics command to prefer when the profile supports it.
    public func command(_ command: PrinterProfile.GraphicsCommand) -> RasterImage { with { $0.command = command } }

    /// The largest width or height accepted, in dots, before any printer is considered.
    public static let maximumDimension = 65_535

    /// Checks the options that do not depend on a printer.
    ///
    /// - Throws: ``EscPosError`` naming the field under `path`.
    public func validate(at path: @autoclosure () -> DocumentPath) throws(EscPosError) {
        for (key, value) in [("width", width), ("height", height)] {
            if let value, !(1...Self.maximumDimension).contains(value) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending(key),
                    "an image \(key) of \(value) dots is out of range; use 1–\(Self.maximumDimension)."
                )
            }
        }
        if !(0...256).contains(threshold) {
            throw EscPosError(
                .valueOutOfRange,
                at: path().appending("threshold"),
                "threshold \(threshold) is out of range; use 0–256 (128 is the middle)."
            )
        }
        for (key, value) in [("brightness", brightness), ("contrast", contrast)] where !(value >= -1 && value <= 1) {
            throw EscPosError(.valueOutOfRange, at: path().appending(key), "\(key) \(value) is out of range; use −1…1.")
        }
        switch source {
        case .data(let bytes) where bytes.isEmpty:
            throw EscPosError(
                .invalidImage,
                at: path().appending("data"),
                "the image data is empty; give a PNG or JPEG file."
            )
        case .path(let file) where file.isEmpty:
            throw EscPosError(.invalidImage, at: path().appending("path"), "the image path is empty.")
        default:
            break
        }
    }
}
