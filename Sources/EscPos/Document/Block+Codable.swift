// The JSON form: each block is one flat object with a "type" field; style attributes sit on the
// block itself, so an error path reads `blocks[7].size.width`. Unknown fields are errors.

extension TextStyle {
    static let codingKeys: Set<String> = [
        "bold", "underline", "doubleStrike", "reverse", "upsideDown", "rotated", "font", "size", "alignment",
        "lineSpacing", "leftMargin", "printAreaWidth",
    ]

    init(from container: KeyedDecodingContainer<JSONKey>) throws {
        self.init()
        bold = try container.decodeIfPresent("bold")
        underline = try container.decodeIfPresent("underline")
        doubleStrike = try container.decodeIfPresent("doubleStrike")
        reverse = try container.decodeIfPresent("reverse")
        upsideDown = try container.decodeIfPresent("upsideDown")
        rotated = try container.decodeIfPresent("rotated")
        font = try container.decodeIfPresent("font")
        size = try container.decodeIfPresent("size")
        alignment = try container.decodeIfPresent("alignment")
        lineSpacing = try container.decodeIfPresent("lineSpacing")
        leftMargin = try container.decodeIfPresent("leftMargin")
        printAreaWidth = try container.decodeIfPresent("printAreaWidth")
        try validate(at: DocumentPath(codingPath: container.codingPath))
    }

    func encode(to container: inout KeyedEncodingContainer<JSONKey>) throws {
        try container.encodeIfPresent(bold, "bold")
        try container.encodeIfPresent(underline, "underline")
        try container.encodeIfPresent(doubleStrike, "doubleStrike")
        try container.encodeIfPresent(reverse, "reverse")
        try container.encodeIfPresent(upsideDown, "upsideDown")
        try container.encodeIfPresent(rotated, "rotated")
        try container.encodeIfPresent(font, "font")
        try container.encodeIfPresent(size, "size")
        try container.encodeIfPresent(alignment, "alignment")
        try container.encodeIfPresent(lineSpacing, "lineSpacing")
        try container.encodeIfPresent(leftMargin, "leftMargin")
        try container.encodeIfPresent(printAreaWidth, "printAreaWidth")
    }
}

extension Block: Codable {
    /// The `"type"` names of the JSON form, one per case.
    public static let jsonTypeNames = [
        "text", "group", "rule", "columns", "keyValue", "feed", "cut", "drawerPulse", "buzzer", "raw", "image",
        "barcode", "qrCode", "pdf417", "dataMatrix", "aztecCode", "maxiCode",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        let type: String = try container.decode("type")
        let path = DocumentPath(codingPath: decoder.codingPath)
        func allow(_ keys: Set<String>, styled: Bool) throws {
            var allowed = keys.union(["type"])
            if styled { allowed.formUnion(TextStyle.codingKeys) }
            try container.rejectUnknownKeys(allowed: allowed, in: "a \"\(type)\" block")
        }
        switch type {
        case "text":
            try allow(["text"], styled: true)
            self = .text(Text(try container.decode("text"), style: try TextStyle(from: container)))
        case "group":
            try allow(["blocks"], styled: true)
            self = .group(Group(style: try TextStyle(from: container), blocks: try container.decode("blocks")))
        case "rule":
            try allow(["character"], styled: true)
            let character = try container.decodeCharacter("character", default: "-")
            self = .rule(Rule(character, style: try TextStyle(from: container)))
        case "columns":
            try allow(["columns", "spacing"], styled: true)
            self = .columns(
                Columns(
                    try container.decode("columns"),
                    spacing: try container.decodeIfPresent("spacing") ?? 1,
                    style: try TextStyle(from: container)
                )
            )
        case "keyValue":
            try allow(["key", "value", "leader"], styled: true)
            self = .keyValue(
                KeyValue(
                    try container.decode("key"),
                    try container.decode("value"),
                    leader: try container.decodeCharacter("leader", default: "."),
                    style: try TextStyle(from: container)
                )
            )
        case "feed":
            try allow(["lines", "dots"], styled: false)
            let lines: Int? = try container.decodeIfPresent("lines")
            let dots: Int? = try container.decodeIfPresent("dots")
            switch (lines, dots) {
            case (let lines?, nil): self = .feed(Feed(lines: lines))
            case (nil, let dots?): self = .feed(Feed(dots: dots))
            default:
                throw EscPosError(.invalidDocument, at: path, "a feed needs exactly one of \"lines\" or \"dots\".")
            }
        case "cut":
            try allow(["kind", "feed"], styled: false)
            self = .cut(
                Cut(
                    try container.decodeIfPresent("kind") ?? .partial,
                    feed: try container.decodeIfPresent("feed") ?? true
                )
            )
        case "drawerPulse":
            try allow(["pin", "onMilliseconds", "offMilliseconds"], styled: false)
            let defaults = DrawerPulse()
            let pinNumber: Int = try container.decodeIfPresent("pin") ?? 2
            guard let pin = DrawerPulse.Pin(rawValue: pinNumber) else {
                throw EscPosError(
                    .valueOutOfRange,
                    at: container.path("pin"),
                    "drawer pin \(pinNumber) does not exist; use 2 or 5."
                )
            }
            self = .drawerPulse(
                DrawerPulse(
                    pin: pin,
                    onMilliseconds: try container.decodeIfPresent("onMilliseconds") ?? defaults.onMilliseconds,
                    offMilliseconds: try container.decodeIfPresent("offMilliseconds") ?? defaults.offMilliseconds
                )
            )
        case "buzzer":
            try allow(["times", "duration"], styled: false)
            self = .buzzer(
                Buzzer(
                    times: try container.decodeIfPresent("times") ?? 1,
                    duration: try container.decodeIfPresent("duration") ?? 2
                )
            )
        case "raw":
            try allow(["hex"], styled: false)
            let hex: String = try container.decode("hex")
            guard let bytes = Hex.parse(hex) else {
                throw EscPosError(
                    .invalidDocument,
                    at: container.path("hex"),
                    "\"hex\" must be pairs of hexadecimal digits, optionally separated by spaces, such as \"1B 40\"."
                )
            }
            self = .raw(RawBytes(unchecked: bytes))
        case "image":
            self = .image(try RasterImage(from: decoder))
        case "barcode":
            try allow(Barcode.jsonKeys, styled: false)
            self = .barcode(try Barcode(from: decoder))
        case "qrCode":
            try allow(QRCode.jsonKeys, styled: false)
            self = .qrCode(try QRCode(from: decoder))
        case "pdf417":
            try allow(PDF417.jsonKeys, styled: false)
            self = .pdf417(try PDF417(from: decoder))
        case "dataMatrix":
            try allow(DataMatrix.jsonKeys, styled: false)
            self = .dataMatrix(try DataMatrix(from: decoder))
        case "aztecCode":
            try allow(AztecCode.jsonKeys, styled: false)
            self = .aztecCode(try AztecCode(from: decoder))
        case "maxiCode":
            try allow(MaxiCode.jsonKeys, styled: false)
            self = .maxiCode(try MaxiCode(from: decoder))
        default:
            let suggestion = NameSuggestion.nearest(to: type, in: Block.jsonTypeNames).map {
                " Did you mean \"\($0)\"?"
            }
            throw EscPosError(
                .invalidDocument,
                at: container.path("type"),
                "unknown block type \"\(type)\".\(suggestion ?? "") Known types: \(Block.jsonTypeNames.joined(separator: ", "))."
            )
        }
        try validateElement(at: path)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .text(let text):
            try container.encode("text", "type")
            try container.encode(text.content, "text")
            try text.style.encode(to: &container)
        case .group(let group):
            try container.encode("group", "type")
            try group.style.encode(to: &container)
            try container.encode(group.blocks, "blocks")
        case .rule(let rule):
            try container.encode("rule", "type")
            try container.encode(String(rule.character), "character")
            try rule.style.encode(to: &container)
        case .columns(let columns):
            try container.encode("columns", "type")
            try container.encode(columns.columns, "columns")
            try container.encode(columns.spacing, "spacing")
            try columns.style.encode(to: &container)
        case .keyValue(let keyValue):
            try container.encode("keyValue", "type")
            try container.encode(keyValue.key, "key")
            try container.encode(keyValue.value, "value")
            try container.encode(String(keyValue.leader), "leader")
            try keyValue.style.encode(to: &container)
        case .feed(let feed):
            try container.encode("feed", "type")
            switch feed.amount {
            case .lines(let lines): try container.encode(lines, "lines")
            case .dots(let dots): try container.encode(dots, "dots")
            }
        case .cut(let cut):
            try container.encode("cut", "type")
            try container.encode(cut.kind, "kind")
            try container.encode(cut.feed, "feed")
        case .drawerPulse(let pulse):
            try container.encode("drawerPulse", "type")
            try container.encode(pulse.pin.rawValue, "pin")
            try container.encode(pulse.onMilliseconds, "onMilliseconds")
            try container.encode(pulse.offMilliseconds, "offMilliseconds")
        case .buzzer(let buzzer):
            try container.encode("buzzer", "type")
            try container.encode(buzzer.times, "times")
            try container.encode(buzzer.duration, "duration")
        case .raw(let raw):
            try container.encode("raw", "type")
            try container.encode(Hex.bytes(raw.bytes), "hex")
        case .image(let image):
            try container.encode("image", "type")
            try image.encode(to: encoder)
        case .barcode(let barcode):
            try container.encode("barcode", "type")
            try barcode.encode(to: encoder)
        case .qrCode(let qrCode):
            try container.encode("qrCode", "type")
            try qrCode.encode(to: encoder)
        case .pdf417(let pdf417):
            try container.encode("pdf417", "type")
            try pdf417.encode(to: encoder)
        case .dataMatrix(let dataMatrix):
            try container.encode("dataMatrix", "type")
            try dataMatrix.encode(to: encoder)
        case .aztecCode(let aztecCode):
            try container.encode("aztecCode", "type")
            try aztecCode.encode(to: encoder)
        case .maxiCode(let maxiCode):
            try container.encode("maxiCode", "type")
            try maxiCode.encode(to: encoder)
        }
    }
}

extension Column: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(allowed: ["text", "width", "weight", "alignment"], in: "a column")
        let fixed: Int? = try container.decodeIfPresent("width")
        let weight: Int? = try container.decodeIfPresent("weight")
        if fixed != nil, weight != nil {
            throw EscPosError(
                .invalidDocument,
                at: DocumentPath(codingPath: decoder.codingPath),
                "a column has either a fixed \"width\" or a flexible \"weight\", not both."
            )
        }
        self.init(
            try container.decode("text"),
            width: fixed.map(Width.fixed) ?? .flexible(weight: weight ?? 1),
            alignment: try container.decodeIfPresent("alignment") ?? .left
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(text, "text")
        switch width {
        case .fixed(let width): try container.encode(width, "width")
        case .flexible(let weight): try container.encode(weight, "weight")
        }
        try container.encode(alignment, "alignment")
    }
}

extension Receipt: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        // The version comes first: a newer document must fail on its version, not on a field it added.
        let version: Int = try container.decode("schemaVersion")
        guard version == Receipt.currentSchemaVersion else {
            throw EscPosError(
                .unsupportedSchemaVersion,
                at: container.path("schemaVersion"),
                "this library reads schemaVersion \(Receipt.currentSchemaVersion), the document has \(version); upgrade swift-escpos or ask the sender for version \(Receipt.currentSchemaVersion)."
            )
        }
        try container.rejectUnknownKeys(allowed: ["schemaVersion", "profile", "options", "blocks"], in: "a receipt")
        if let options = try? container.nestedContainer(keyedBy: JSONKey.self, forKey: JSONKey("options")) {
            try options.rejectUnknownKeys(allowed: ["strict", "symbolRendering"], in: "receipt options")
        }
        self.init(
            profile: try container.decodeIfPresent("profile"),
            options: try container.decodeIfPresent("options") ?? Options(),
            blocks: try container.decode("blocks")
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(Receipt.currentSchemaVersion, "schemaVersion")
        try container.encodeIfPresent(profile, "profile")
        if options != Options() { try container.encode(options, "options") }
        try container.encode(blocks, "blocks")
    }
}
