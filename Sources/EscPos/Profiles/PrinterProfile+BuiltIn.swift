// Built-in profiles. Epson page numbers and media widths follow the Epson ESC/POS character code
// tables as collected in escpos-printer-db (receipt-print-hq, CC BY 4.0), with that database's known
// errors corrected (page 1 is Katakana, not CP932). Clone renumberings follow the vendor tables
// summarised in shared/reference/escpos.md (E.5).

extension PrinterProfile {
    /// Every built-in profile.
    public static let builtIn: [PrinterProfile] = [
        .generic58mm, .generic80mm, .epsonTMT88V, .epsonTMT88VI, .epsonTMT20III, .epsonTMm30, .xprinterXP80,
        .starTSP100, .starTSP650, .bixolonSRP350III, .citizenCTS310II,
    ]

    /// Looks up a built-in profile by identifier, ignoring case; common model names (`"tm-t88vi"`,
    /// `"pos-80"`) work too.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/unknownProfile``, suggesting the nearest name.
    public static func named(_ name: String) throws(EscPosError) -> PrinterProfile {
        let wanted = name.lowercased()
        if let profile = builtIn.first(where: { $0.id == wanted }) { return profile }
        if let id = aliases[wanted], let profile = builtIn.first(where: { $0.id == id }) { return profile }
        let names = builtIn.map(\.id) + aliases.keys.sorted()
        let hint = NameSuggestion.nearest(to: wanted, in: names).map { " Did you mean \"\($0)\"?" } ?? ""
        throw EscPosError(
            .unknownProfile,
            "there is no built-in printer profile \"\(name)\".\(hint) Known profiles: \(builtIn.map(\.id).joined(separator: ", ")); or load your own from JSON."
        )
    }

    static let aliases: [String: String] = [
        "58mm": "generic-58mm", "80mm": "generic-80mm", "tm-t88v": "epson-tm-t88v", "tm-t88vi": "epson-tm-t88vi",
        "tm-t20iii": "epson-tm-t20iii", "tm-m30": "epson-tm-m30", "pos-80": "xprinter-xp-80", "xp-80": "xprinter-xp-80",
        "tsp100": "star-tsp100", "tsp650": "star-tsp650", "srp-350iii": "bixolon-srp-350iii",
        "ct-s310ii": "citizen-ct-s310ii",
    ]

    /// The order in which pages are preferred when several cover a text equally well: general Latin
    /// pages first, so "€" alone never selects a Greek page.
    static let codePagePreference: [String] = [
        "cp437", "wpc1252", "cp858", "cp850", "iso8859-15", "cp860", "cp863", "cp865", "cp861", "cp852", "wpc1250",
        "iso8859-2", "cp857", "wpc1254", "wpc1257", "cp775", "cp866", "wpc1251", "cp855", "cp737", "wpc1253",
        "iso8859-7", "cp869", "cp862", "wpc1255", "cp864", "cp720", "wpc1256", "wpc1258", "katakana",
    ]

    /// Builds a slot list from `(number, page)` pairs, ordered by ``codePagePreference``.
    static func slots(_ pairs: [(UInt8, CodePage)]) -> [CodePageSlot] {
        func rank(_ slot: CodePageSlot) -> Int {
            codePagePreference.firstIndex(of: slot.page.id) ?? codePagePreference.count
        }
        return pairs.map { CodePageSlot($0.0, $0.1) }.sorted { rank($0) < rank($1) }
    }

    static let epsonPages: [CodePageSlot] = slots([
        (0, .cp437), (1, .katakana), (2, .cp850), (3, .cp860), (4, .cp863), (5, .cp865), (13, .cp857), (14, .cp737),
        (15, .iso8859_7), (16, .wpc1252), (17, .cp866), (18, .cp852), (19, .cp858), (32, .cp720), (33, .cp775),
        (34, .cp855), (35, .cp861), (36, .cp862), (37, .cp864), (38, .cp869), (39, .iso8859_2), (40, .iso8859_15),
        (45, .wpc1250), (46, .wpc1251), (47, .wpc1253), (48, .wpc1254), (49, .wpc1255), (50, .wpc1256),
        (51, .wpc1257), (52, .wpc1258),
    ])

    static let fontsAB: [FontMetrics] = [
        FontMetrics(font: .a, cellWidth: 12, cellHeight: 24), FontMetrics(font: .b, cellWidth: 9, cellHeight: 17),
    ]

    /// A generic 58 mm printer (384 dots at 203 dpi, 32 columns): the lowest common denominator of cheap
    /// 58 mm models. No cutter, no native 2D codes (QR prints as an image), raster graphics only.
    public static let generic58mm = PrinterProfile(
        id: "generic-58mm",
        name: "Generic 58 mm",
        vendor: "Generic",
        dotWidth: 384,
        dpi: 203,
        fonts: fontsAB,
        codePages: slots([
            (0, .cp437), (2, .cp850), (3, .cp860), (4, .cp863), (5, .cp865), (16, .wpc1252), (17, .cp866),
            (18, .cp852), (19, .cp858),
        ]),
        capabilities: Capabilities(cutter: nil, qrCode: false, pdf417: false),
        limits: Limits(maxRasterBandHeight: 24, receiveBufferBytes: 1024)
    )

    /// A generic 80 mm printer (576 dots at 203 dpi, 48 columns) with an autocutter and native QR.
    public static let generic80mm = PrinterProfile(
        id: "generic-80mm",
        name: "Generic 80 mm",
        vendor: "Generic",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: epsonPages,
        capabilities: Capabilities(),
        limits: Limits(maxRasterBandHeight: 128)
    )

    /// Epson TM-T88V (512 dots at 180 dpi, 42 columns). Its cutter makes partial cuts only.
    public static let epsonTMT88V = PrinterProfile(
        id: "epson-tm-t88v",
        name: "Epson TM-T88V",
        vendor: "Epson",
        dotWidth: 512,
        dpi: 180,
        fonts: fontsAB,
        codePages: epsonPages,
        capabilities: Capabilities(
            cutter: Cutter(full: false, partial: true),
            graphics: [.graphics, .rasterBitImage, .columnBitImage],
            maxiCode: true,
            gs1DataBar: true,
            realTimeCommandControl: true,
            processIDResponse: true
        )
    )

    /// Epson TM-T88VI (512 dots at 180 dpi, 42 columns). Partial cuts only.
    public static let epsonTMT88VI = PrinterProfile(
        id: "epson-tm-t88vi",
        name: "Epson TM-T88VI",
        vendor: "Epson",
        dotWidth: 512,
        dpi: 180,
        fonts: fontsAB,
        codePages: epsonPages,
        capabilities: Capabilities(
            cutter: Cutter(full: false, partial: true),
            graphics: [.graphics, .rasterBitImage, .columnBitImage],
            dataMatrix: true,
            aztec: true,
            maxiCode: true,
            gs1DataBar: true,
            realTimeCommandControl: true,
            processIDResponse: true
        )
    )

    /// Epson TM-T20III (576 dots at 203 dpi, 48 columns).
    public static let epsonTMT20III = PrinterProfile(
        id: "epson-tm-t20iii",
        name: "Epson TM-T20III",
        vendor: "Epson",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: epsonPages,
        capabilities: Capabilities(
            cutter: Cutter(full: false, partial: true),
            graphics: [.graphics, .rasterBitImage, .columnBitImage],
            maxiCode: true,
            gs1DataBar: true,
            realTimeCommandControl: true,
            processIDResponse: true
        )
    )

    /// Epson TM-m30 (576 dots at 203 dpi; fonts A 48, B 57 and C 64 columns).
    public static let epsonTMm30 = PrinterProfile(
        id: "epson-tm-m30",
        name: "Epson TM-m30",
        vendor: "Epson",
        dotWidth: 576,
        dpi: 203,
        fonts: [
            FontMetrics(font: .a, cellWidth: 12, cellHeight: 24), FontMetrics(font: .b, cellWidth: 10, cellHeight: 24),
            FontMetrics(font: .c, cellWidth: 9, cellHeight: 17),
        ],
        codePages: epsonPages,
        capabilities: Capabilities(
            cutter: Cutter(full: false, partial: true),
            graphics: [.graphics, .rasterBitImage, .columnBitImage],
            dataMatrix: true,
            aztec: true,
            maxiCode: true,
            gs1DataBar: true,
            realTimeCommandControl: true,
            processIDResponse: true
        )
    )

    /// The common Xprinter XP-80 class ("POS-80" clones): 576 dots, starts in Kanji mode, buzzer,
    /// Xprinter's own page numbers (WPC1251 is 23, CP864 is 22).
    public static let xprinterXP80 = PrinterProfile(
        id: "xprinter-xp-80",
        name: "Xprinter XP-80 / POS-80",
        vendor: "Xprinter",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: slots([
            (0, .cp437), (1, .katakana), (2, .cp850), (3, .cp860), (4, .cp863), (5, .cp865), (16, .wpc1252),
            (17, .cp866), (18, .cp852), (19, .cp858), (22, .cp864), (23, .wpc1251),
        ]),
        capabilities: Capabilities(buzzer: true, kanjiModeAtPowerOn: true),
        limits: Limits(maxRasterBandHeight: 24, receiveBufferBytes: 2048)
    )

    /// Star TSP100 in ESC/POS emulation (576 dots): pages are selected with `ESC GS t` and Star's numbers.
    public static let starTSP100 = PrinterProfile(
        id: "star-tsp100",
        name: "Star TSP100 (ESC/POS emulation)",
        vendor: "Star Micronics",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: starPages,
        codePageCommand: .escGSt,
        capabilities: Capabilities(pdf417: false),
        limits: Limits(maxRasterBandHeight: 24)
    )

    /// Star TSP650 in ESC/POS emulation (576 dots): pages are selected with `ESC GS t` and Star's numbers.
    public static let starTSP650 = PrinterProfile(
        id: "star-tsp650",
        name: "Star TSP650 (ESC/POS emulation)",
        vendor: "Star Micronics",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: starPages,
        codePageCommand: .escGSt,
        capabilities: Capabilities(pdf417: false),
        limits: Limits(maxRasterBandHeight: 24)
    )

    static let starPages: [CodePageSlot] = slots([
        (0, .cp437), (2, .katakana), (4, .cp858), (5, .cp852), (6, .cp860), (7, .cp861), (8, .cp863), (9, .cp865),
        (10, .cp866), (11, .cp855), (12, .cp857), (13, .cp862), (14, .cp864), (15, .cp737), (17, .cp869),
        (32, .wpc1252), (33, .wpc1250), (34, .wpc1251),
    ])

    /// Bixolon SRP-350III (512 dots at 180 dpi, 42 columns): Bixolon's page numbers (WPC1251 is 28, CP864 22).
    public static let bixolonSRP350III = PrinterProfile(
        id: "bixolon-srp-350iii",
        name: "Bixolon SRP-350III",
        vendor: "Bixolon",
        dotWidth: 512,
        dpi: 180,
        fonts: fontsAB,
        codePages: slots([
            (0, .cp437), (1, .katakana), (2, .cp850), (3, .cp860), (4, .cp863), (5, .cp865), (16, .wpc1252),
            (17, .cp866), (18, .cp852), (19, .cp858), (22, .cp864), (28, .wpc1251),
        ]),
        capabilities: Capabilities(graphics: [.rasterBitImage, .columnBitImage])
    )

    /// Citizen CT-S310II (576 dots at 203 dpi): Citizen's page numbers (2 is CP858, CP866 is 7, CP864 40).
    public static let citizenCTS310II = PrinterProfile(
        id: "citizen-ct-s310ii",
        name: "Citizen CT-S310II",
        vendor: "Citizen",
        dotWidth: 576,
        dpi: 203,
        fonts: fontsAB,
        codePages: slots([
            (0, .cp437), (1, .katakana), (2, .cp858), (3, .cp860), (4, .cp863), (5, .cp865), (7, .cp866),
            (16, .wpc1252), (40, .cp864),
        ]),
        capabilities: Capabilities(graphics: [.rasterBitImage, .columnBitImage], realTimeCommandControl: true)
    )
}
