/// A printer test page for a ``PrinterProfile``: what the profile says about the printer, every font
/// and a range of character sizes and styles, then every code page the profile lists with sample
/// characters printed from that page, EAN-13 and Code 128 barcodes, a QR code when the printer draws
/// them natively, a dithered grey ramp across the full print width, and a cut.
///
/// Print it when setting up a printer: if a code page's line shows the wrong characters, the profile's
/// page number for it is wrong for this printer.
///
/// Code-page samples are sent as raw bytes after selecting the page explicitly (`ESC t n`, or
/// `ESC GS t n` on Star), because automatic selection would pick the earliest page that has the
/// characters instead of the page under test. Each sample line holds as many characters as font A fits.
///
/// ```swift
/// let receipt = Receipt { TestPage(profile: .epsonTMT88VI) }
/// ```
public struct TestPage: ReceiptComponent, Hashable, Sendable {
    /// The printer the page describes and tests.
    public let profile: PrinterProfile

    /// Creates the test page for `profile`.
    public init(profile: PrinterProfile) {
        self.profile = profile
    }

    /// The page's blocks.
    public var body: [Block] {
        let columns = profile.columns(for: .a) ?? 32
        Text("TEST PAGE").bold().size(width: 2, height: 2).alignment(.center)
        Text(profile.name).bold().alignment(.center)
        Feed(lines: 1)
        KeyValue("Profile", profile.id, leader: " ")
        KeyValue("Vendor", profile.vendor, leader: " ")
        KeyValue("Print width", "\(profile.dotWidth) dots, \(profile.dpi) dpi", leader: " ")
        KeyValue("Cutter", cutterDescription, leader: " ")
        KeyValue("Cash drawer", profile.capabilities.drawer ? "yes" : "no", leader: " ")
        KeyValue("Native QR code", profile.capabilities.qrCode ? "yes" : "no", leader: " ")
        Rule()
        Text("FONTS").bold()
        for metrics in profile.fonts {
            let name = "Font \(metrics.font.rawValue.uppercased())"
            let count = profile.columns(for: metrics.font) ?? 0
            Text("\(name): \(metrics.cellWidth)x\(metrics.cellHeight) dots, \(count) columns").font(metrics.font)
            Text("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_{|}~")
                .font(metrics.font)
        }
        Rule()
        Text("SIZES AND STYLES").bold()
        for (width, height) in [(1, 2), (2, 1), (2, 2), (3, 3), (4, 4)] {
            Text("\(width)x\(height)").size(width: width, height: height)
        }
        Text("Bold").bold()
        Text("Underline").underline(.single)
        Text("Double underline").underline(.double)
        Text(" Reverse ").reverse()
        Text("Upside down").upsideDown()
        Text("Centred").alignment(.center)
        Text("Right").alignment(.right)
        Rule()
        Text("CODE PAGES (\(profile.codePages.count))").bold()
        for slot in profile.codePages {
            Text("\(slot.number): \(slot.page.name)")
            RawBytes(unchecked: selection(of: slot) + sampleBytes(of: slot.page, count: columns) + [0x0A])
        }
        Rule()
        Text("BARCODES").bold()
        Text("EAN-13")
        Barcode("5901234123457", symbology: .ean13).height(60).moduleWidth(2).alignment(.center)
        Text("Code 128")
        Barcode("ESCPOS-128", symbology: .code128).height(60).moduleWidth(2, allowingNarrower: true).alignment(.center)
        if profile.capabilities.qrCode {
            Text("QR code (native)")
            QRCode("https://github.com/swift-escpos").moduleSize(.dots(4)).alignment(.center)
        } else {
            Text("QR code: not built into this printer; compile with a symbol renderer to print one as an image.")
        }
        Rule()
        if let gradient = gradient {
            Text("Gradient (Floyd-Steinberg dithering)")
            RasterImage(gradient).dithering(.floydSteinberg)
        }
        Rule()
        Text("End of test page").alignment(.center)
        Cut(.partial)
    }

    /// A full-width, 48-dot-high ramp from black on the left to white on the right.
    private var gradient: GrayImage? {
        let width = max(profile.dotWidth, 2)
        let height = 48
        var pixels = [UInt8](repeating: 0, count: width * height)
        for x in 0..<width {
            let level = UInt8(x * 255 / (width - 1))
            for y in 0..<height { pixels[y * width + x] = level }
        }
        return try? GrayImage(width: width, height: height, pixels: pixels)
    }

    private var cutterDescription: String {
        guard let cutter = profile.capabilities.cutter else { return "none" }
        switch (cutter.full, cutter.partial) {
        case (true, true): return "full and partial"
        case (true, false): return "full"
        case (false, true): return "partial"
        case (false, false): return "none"
        }
    }

    /// The command that selects `slot`'s page on this printer.
    private func selection(of slot: PrinterProfile.CodePageSlot) -> [UInt8] {
        switch profile.codePageCommand {
        case .escT: return ESCFunction.selectCodePage(slot.number)
        case .escGSt: return ESCFunction.starExtension(ESCFunction.selectCodePage.rawValue, slot.number)
        }
    }

    /// Up to `count` printable bytes from the page's upper half (0x80–0xFF), spread evenly across it,
    /// so pages that share their first rows still look different.
    func sampleBytes(of page: CodePage, count: Int) -> [UInt8] {
        let printable = (0x80...0xFF).map(UInt8.init).filter { byte in
            guard let scalar = page.character(for: byte) else { return false }
            return scalar.value >= 0xA0 && scalar.properties.generalCategory != .nonspacingMark
                && scalar.properties.generalCategory != .format && scalar.properties.generalCategory != .spaceSeparator
                && CharacterWidth.columns(of: scalar) == 1
        }
        guard printable.count > count else { return printable }
        return (0..<count).map { printable[$0 * printable.count / count] }
    }
}
