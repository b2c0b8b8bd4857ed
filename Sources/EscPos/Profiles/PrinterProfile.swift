/// What a printer model can do: paper width, fonts, code pages, native features and limits.
///
/// The compiler lays text out with the profile's columns, picks code pages from its table (with the
/// vendor's own `ESC t` numbers) and chooses commands the model supports. Built-in profiles cover common
/// models (``builtIn``); load others from JSON with ``PrinterProfile/init(from:)``.
///
/// ```swift
/// let profile = try PrinterProfile.named("epson-tm-t88vi")
/// ```
public struct PrinterProfile: Hashable, Sendable {
    /// A stable identifier such as `"epson-tm-t88vi"`, used by ``named(_:)``, JSON documents and URIs.
    public var id: String
    /// A readable model name.
    public var name: String
    /// The manufacturer.
    public var vendor: String
    /// Printable width in dots.
    public var dotWidth: Int
    /// Print resolution in dots per inch (180 or 203 for most thermal printers).
    public var dpi: Int
    /// The fonts and their character cells.
    public var fonts: [FontMetrics]
    /// The code pages the printer has, **in order of preference**: when several cover a piece of text,
    /// the compiler picks the earliest. Each entry carries the vendor's own page number.
    public var codePages: [CodePageSlot]
    /// The page number in effect after power-on and `ESC @` (0 on nearly every printer).
    public var defaultCodePage: UInt8
    /// How the model selects a page.
    public var codePageCommand: CodePageCommand
    /// What an unencodable character prints as (reported as a warning each time). One ASCII character.
    public var replacementCharacter: Character
    /// Native features.
    public var capabilities: Capabilities
    /// Limits the compiler must respect.
    public var limits: Limits

    /// Creates a profile.
    public init(
        id: String,
        name: String,
        vendor: String,
        dotWidth: Int,
        dpi: Int,
        fonts: [FontMetrics],
        codePages: [CodePageSlot],
        defaultCodePage: UInt8 = 0,
        codePageCommand: CodePageCommand = .escT,
        replacementCharacter: Character = "?",
        capabilities: Capabilities,
        limits: Limits = Limits()
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.dotWidth = dotWidth
        self.dpi = dpi
        self.fonts = fonts
        self.codePages = codePages
        self.defaultCodePage = defaultCodePage
        self.codePageCommand = codePageCommand
        self.replacementCharacter = replacementCharacter
        self.capabilities = capabilities
        self.limits = limits
    }

    /// The cell of `font`, or `nil` when the model lacks it.
    public func metrics(for font: TextStyle.Font) -> FontMetrics? {
        fonts.first { $0.font == font }
    }

    /// Characters per line for `font` at normal width.
    public func columns(for font: TextStyle.Font) -> Int? {
        metrics(for: font).map { dotWidth / $0.cellWidth }
    }
}

extension PrinterProfile {
    /// A font's character cell in dots, including the default right-side spacing.
    public struct FontMetrics: Hashable, Sendable, Codable {
        /// Which font.
        public var font: TextStyle.Font
        /// Cell width in dots (12 for font A on most printers).
        public var cellWidth: Int
        /// Cell height in dots (24 for font A on most printers).
        public var cellHeight: Int

        /// Creates font metrics.
        public init(font: TextStyle.Font, cellWidth: Int, cellHeight: Int) {
            self.font = font
            self.cellWidth = cellWidth
            self.cellHeight = cellHeight
        }
    }

    /// A code page and the number this model selects it with.
    public struct CodePageSlot: Hashable, Sendable {
        /// The number sent with `ESC t` (or `ESC GS t`).
        public var number: UInt8
        /// The page.
        public var page: CodePage

        /// Creates a slot.
        public init(_ number: UInt8, _ page: CodePage) {
            self.number = number
            self.page = page
        }
    }

    /// The command that selects a code page.
    public enum CodePageCommand: String, Hashable, Sendable, Codable {
        /// `ESC t n` (`1B 74 n`), Epson and most clones.
        case escT
        /// `ESC GS t n` (`1B 1D 74 n`), Star printers in ESC/POS emulation.
        case escGSt
    }

    /// Native features of a model.
    public struct Capabilities: Hashable, Sendable {
        /// Which cuts the cutter makes; `nil` when there is no cutter.
        public var cutter: Cutter?
        /// Whether a cash drawer can be connected.
        public var drawer: Bool
        /// Whether the model has a buzzer driven by `ESC B n t`.
        public var buzzer: Bool
        /// The graphics commands the model supports, best first.
        public var graphics: [GraphicsCommand]
        /// Whether the model prints QR codes natively (`GS ( k`, cn 49).
        public var qrCode: Bool
        /// Whether the model prints PDF417 natively (`GS ( k`, cn 48).
        public var pdf417: Bool
        /// Whether the model prints DataMatrix natively (`GS ( k`, cn 54).
        public var dataMatrix: Bool
        /// Whether the model prints Aztec codes natively (`GS ( k`, cn 53).
        public var aztec: Bool
        /// Whether the model prints MaxiCode natively (`GS ( k`, cn 50).
        public var maxiCode: Bool
        /// Whether the model prints GS1 DataBar natively (`GS k` 72–78).
        public var gs1DataBar: Bool
        /// Whether the model takes `GS k` function B (with a length byte); otherwise function A.
        public var barcodeFunctionB: Bool
        /// Whether the model starts in Kanji (double-byte) mode, as many Chinese clones do; the compiler
        /// then sends `FS .` after `ESC @` so single-byte code pages work.
        public var kanjiModeAtPowerOn: Bool
        /// Whether the model takes `GS ( D` (enable or disable real-time commands). The compiler then switches
        /// `DLE DC4` off around image and symbol data that happens to contain one, so the printer does not
        /// pulse the drawer or power off in the middle of a logo.
        public var realTimeCommandControl: Bool
        /// Whether the model answers `GS ( H` function 48 with a process ID response once it has printed
        /// everything before it; ``Printer`` then uses it to confirm that a job reached paper.
        public var processIDResponse: Bool

        /// Creates a capability set.
        public init(
            cutter: Cutter? = Cutter(full: true, partial: true),
            drawer: Bool = true,
            buzzer: Bool = false,
            graphics: [GraphicsCommand] = [.rasterBitImage],
            qrCode: Bool = true,
            pdf417: Bool = true,
            dataMatrix: Bool = false,
            aztec: Bool = false,
            maxiCode: Bool = false,
            gs1DataBar: Bool = false,
            barcodeFunctionB: Bool = true,
            kanjiModeAtPowerOn: Bool = false,
            realTimeCommandControl: Bool = false,
            processIDResponse: Bool = false
        ) {
            self.cutter = cutter
            self.drawer = drawer
            self.buzzer = buzzer
            self.graphics = graphics
            self.qrCode = qrCode
            self.pdf417 = pdf417
            self.dataMatrix = dataMatrix
            self.aztec = aztec
            self.maxiCode = maxiCode
            self.gs1DataBar = gs1DataBar
            self.barcodeFunctionB = barcodeFunctionB
            self.kanjiModeAtPowerOn = kanjiModeAtPowerOn
            self.realTimeCommandControl = realTimeCommandControl
            self.processIDResponse = processIDResponse
        }
    }

    /// The cuts an autocutter makes.
    public struct Cutter: Hashable, Sendable, Codable {
        /// Whether it cuts the paper through.
        public var full: Bool
        /// Whether it leaves a bridge (partial cut).
        public var partial: Bool

        /// Creates a cutter description.
        public init(full: Bool, partial: Bool) {
            self.full = full
            self.partial = partial
        }
    }

    /// A command that prints a bit image.
    public enum GraphicsCommand: String, Hashable, Sendable, Codable, CaseIterable {
        /// `GS v 0`, raster bit image: the most widely supported.
        case rasterBitImage
        /// `GS ( L` / `GS 8 L`, graphics store and print: newer Epson models.
        case graphics
        /// `ESC *`, column bit image: old and impact printers.
        case columnBitImage
    }

    /// Limits the compiler respects.
    public struct Limits: Hashable, Sendable, Codable {
        /// The tallest raster band sent in one command, in dots; small receive buffers need small bands.
        public var maxRasterBandHeight: Int
        /// The printer's receive buffer in bytes (information for transports that pace big jobs).
        public var receiveBufferBytes: Int

        /// Creates limits.
        public init(maxRasterBandHeight: Int = 256, receiveBufferBytes: Int = 4096) {
            self.maxRasterBandHeight = maxRasterBandHeight
            self.receiveBufferBytes = receiveBufferBytes
        }
    }
}
