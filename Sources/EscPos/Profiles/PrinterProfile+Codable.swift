// The JSON form of a profile, for models that are not built in. Everything but `id`, `dotWidth` and
// `codePages` has a sensible default, and the result is checked before use.
//
// {"id": "my-printer", "name": "My printer", "dotWidth": 576, "dpi": 203,
//  "fonts": [{"font": "a", "cellWidth": 12, "cellHeight": 24}],
//  "codePages": [{"number": 0, "page": "cp437"}, {"number": 16, "page": "wpc1252"}],
//  "capabilities": {"cutter": {"full": true, "partial": true}, "qrCode": true}}

extension PrinterProfile: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(
            allowed: [
                "id", "name", "vendor", "dotWidth", "dpi", "fonts", "codePages", "defaultCodePage", "codePageCommand",
                "replacementCharacter", "capabilities", "limits",
            ],
            in: "a printer profile"
        )
        let id: String = try container.decode("id")
        self.init(
            id: id,
            name: try container.decodeIfPresent("name") ?? id,
            vendor: try container.decodeIfPresent("vendor") ?? "",
            dotWidth: try container.decode("dotWidth"),
            dpi: try container.decodeIfPresent("dpi") ?? 203,
            fonts: try container.decodeIfPresent("fonts") ?? PrinterProfile.fontsAB,
            codePages: try container.decode("codePages"),
            defaultCodePage: try container.decodeIfPresent("defaultCodePage") ?? 0,
            codePageCommand: try container.decodeIfPresent("codePageCommand") ?? .escT,
            replacementCharacter: try container.decodeCharacter("replacementCharacter", default: "?"),
            capabilities: try container.decodeIfPresent("capabilities") ?? Capabilities(),
            limits: try container.decodeIfPresent("limits") ?? Limits()
        )
        try validate(at: DocumentPath(codingPath: decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(id, "id")
        try container.encode(name, "name")
        try container.encode(vendor, "vendor")
        try container.encode(dotWidth, "dotWidth")
        try container.encode(dpi, "dpi")
        try container.encode(fonts, "fonts")
        try container.encode(codePages, "codePages")
        try container.encode(defaultCodePage, "defaultCodePage")
        try container.encode(codePageCommand, "codePageCommand")
        try container.encode(String(replacementCharacter), "replacementCharacter")
        try container.encode(capabilities, "capabilities")
        try container.encode(limits, "limits")
    }

    /// Checks that the profile is usable: a positive width, font A, known pages, an ASCII replacement.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidProfile``.
    public func validate(at path: DocumentPath = .root) throws(EscPosError) {
        if !(8...4096).contains(dotWidth) {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("dotWidth"),
                "dotWidth \(dotWidth) is not a printer width; use 8–4096 dots (384 for 58 mm, 576 for 80 mm paper)."
            )
        }
        if !(72...600).contains(dpi) {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("dpi"),
                "dpi \(dpi) is not a printer resolution; use 72–600 (203 for most receipt printers, 180 for Star, 300 for some Citizen)."
            )
        }
        if metrics(for: .a) == nil {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("fonts"),
                "the profile must describe font \"a\" (the default font)."
            )
        }
        for (index, font) in fonts.enumerated()
        where font.cellWidth < 1 || font.cellHeight < 1 || font.cellWidth > dotWidth || font.cellHeight > 255 {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("fonts").appending(index: index),
                "font cell \(font.cellWidth)×\(font.cellHeight) dots is impossible for a \(dotWidth)-dot line."
            )
        }
        if codePages.isEmpty {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("codePages"),
                "the profile needs at least one code page (\"cp437\" at number 0 on most printers)."
            )
        }
        guard let replacement = replacementCharacter.unicodeScalars.first,
            replacementCharacter.unicodeScalars.count == 1,
            (0x20..<0x7F).contains(replacement.value)
        else {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("replacementCharacter"),
                "the replacement character must be one printable ASCII character, such as \"?\"."
            )
        }
        if !(1...65535).contains(limits.maxRasterBandHeight) {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("limits").appending("maxRasterBandHeight"),
                "the raster band height \(limits.maxRasterBandHeight) is out of range; use 1–65535 dots (24 or 256 on most printers)."
            )
        }
        if !(0...(1 << 30)).contains(limits.receiveBufferBytes) {
            throw EscPosError(
                .invalidProfile,
                at: path.appending("limits").appending("receiveBufferBytes"),
                "the receive buffer size \(limits.receiveBufferBytes) is out of range; use 0–1073741824 bytes."
            )
        }
    }
}

extension PrinterProfile.CodePageSlot: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(allowed: ["number", "page"], in: "a code-page slot")
        let name: String = try container.decode("page")
        guard let page = CodePage.named(name) else {
            let hint =
                NameSuggestion.nearest(to: name, in: CodePage.all.map(\.id)).map { " Did you mean \"\($0)\"?" } ?? ""
            throw EscPosError(
                .invalidProfile,
                at: container.path("page"),
                "unknown code page \"\(name)\".\(hint) Known pages: \(CodePage.all.map(\.id).joined(separator: ", "))."
            )
        }
        self.init(try container.decode("number"), page)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(number, "number")
        try container.encode(page.id, "page")
    }
}

extension PrinterProfile.Capabilities: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        let defaults = PrinterProfile.Capabilities()
        try container.rejectUnknownKeys(
            allowed: [
                "cutter", "drawer", "buzzer", "graphics", "qrCode", "pdf417", "dataMatrix", "aztec", "maxiCode",
                "gs1DataBar", "barcodeFunctionB", "kanjiModeAtPowerOn", "realTimeCommandControl",
                "processIDResponse",
            ],
            in: "printer capabilities"
        )
        self.init(
            cutter: container.contains(JSONKey("cutter")) ? try container.decodeIfPresent("cutter") : defaults.cutter,
            drawer: try container.decodeIfPresent("drawer") ?? defaults.drawer,
            buzzer: try container.decodeIfPresent("buzzer") ?? defaults.buzzer,
            graphics: try container.decodeIfPresent("graphics") ?? defaults.graphics,
            qrCode: try container.decodeIfPresent("qrCode") ?? defaults.qrCode,
            pdf417: try container.decodeIfPresent("pdf417") ?? defaults.pdf417,
            dataMatrix: try container.decodeIfPresent("dataMatrix") ?? defaults.dataMatrix,
            aztec: try container.decodeIfPresent("aztec") ?? defaults.aztec,
            maxiCode: try container.decodeIfPresent("maxiCode") ?? defaults.maxiCode,
            gs1DataBar: try container.decodeIfPresent("gs1DataBar") ?? defaults.gs1DataBar,
            barcodeFunctionB: try container.decodeIfPresent("barcodeFunctionB") ?? defaults.barcodeFunctionB,
            kanjiModeAtPowerOn: try container.decodeIfPresent("kanjiModeAtPowerOn") ?? defaults.kanjiModeAtPowerOn,
            realTimeCommandControl: try container.decodeIfPresent("realTimeCommandControl")
                ?? defaults.realTimeCommandControl,
            processIDResponse: try container.decodeIfPresent("processIDResponse") ?? defaults.processIDResponse
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        if let cutter {
            try container.encode(cutter, "cutter")
        } else {
            try container.encodeNil(forKey: JSONKey("cutter"))
        }
        try container.encode(drawer, "drawer")
        try container.encode(buzzer, "buzzer")
        try container.encode(graphics, "graphics")
        try container.encode(qrCode, "qrCode")
        try container.encode(pdf417, "pdf417")
        try container.encode(dataMatrix, "dataMatrix")
        try container.encode(aztec, "aztec")
        try container.encode(maxiCode, "maxiCode")
        try container.encode(gs1DataBar, "gs1DataBar")
        try container.encode(barcodeFunctionB, "barcodeFunctionB")
        try container.encode(kanjiModeAtPowerOn, "kanjiModeAtPowerOn")
        try container.encode(realTimeCommandControl, "realTimeCommandControl")
        try container.encode(processIDResponse, "processIDResponse")
    }
}
