// How symbol blocks fit the document model: their JSON field names, profile-free validation, and the
// capabilities a printer profile gives the symbol encoder.

extension Barcode {
    /// The fields of a `"barcode"` block.
    static let jsonKeys: Set<String> = [
        "data", "symbology", "height", "moduleWidth", "allowsNarrowerModules", "hriPosition", "hriFont", "alignment",
    ]
}

extension QRCode {
    /// The fields of a `"qrCode"` block.
    static let jsonKeys: Set<String> = ["data", "bytes", "model", "moduleSize", "errorCorrection", "alignment"]
}

extension PDF417 {
    /// The fields of a `"pdf417"` block.
    static let jsonKeys: Set<String> = [
        "data", "bytes", "columns", "rows", "moduleWidth", "rowHeight", "errorCorrection", "truncated", "alignment",
    ]
}

extension DataMatrix {
    /// The fields of a `"dataMatrix"` block.
    static let jsonKeys: Set<String> = ["data", "bytes", "shape", "rows", "columns", "moduleSize", "alignment"]
}

extension AztecCode {
    /// The fields of an `"aztecCode"` block.
    static let jsonKeys: Set<String> = [
        "data", "bytes", "format", "layers", "moduleSize", "errorCorrectionPercent", "alignment",
    ]
}

extension MaxiCode {
    /// The fields of a `"maxiCode"` block.
    static let jsonKeys: Set<String> = ["data", "bytes", "mode", "alignment"]
}

extension Block {
    /// The barcode or 2D code this block holds, if it is one.
    public var symbol: Symbol? {
        switch self {
        case .barcode(let barcode): .barcode(barcode)
        case .qrCode(let qrCode): .qrCode(qrCode)
        case .pdf417(let pdf417): .pdf417(pdf417)
        case .dataMatrix(let dataMatrix): .dataMatrix(dataMatrix)
        case .aztecCode(let aztecCode): .aztecCode(aztecCode)
        case .maxiCode(let maxiCode): .maxiCode(maxiCode)
        default: nil
        }
    }
}

extension Symbol {
    /// The symbol's alignment, `nil` when it follows its group.
    var alignment: TextStyle.Alignment? {
        switch self {
        case .barcode(let symbol): symbol.alignment
        case .qrCode(let symbol): symbol.alignment
        case .pdf417(let symbol): symbol.alignment
        case .dataMatrix(let symbol): symbol.alignment
        case .aztecCode(let symbol): symbol.alignment
        case .maxiCode(let symbol): symbol.alignment
        }
    }

    /// A name for messages.
    var kindName: String {
        switch self {
        case .barcode(let barcode): "\(barcode.symbology.rawValue) barcode"
        case .qrCode(let qr): qr.model == .micro ? "Micro QR code" : "QR code"
        case .pdf417: "PDF417 symbol"
        case .dataMatrix: "Data Matrix symbol"
        case .aztecCode: "Aztec code"
        case .maxiCode: "MaxiCode symbol"
        }
    }

    /// Checks everything that does not depend on a printer: data, lengths, check digits, capacities and
    /// option ranges. The fit on paper is checked by the compiler, which knows the printable width.
    ///
    /// - Throws: ``EscPosError`` naming the field under `path`.
    public func validate(at path: DocumentPath) throws(EscPosError) {
        try Self.typed(at: path) {
            let encoder = SymbolCommandEncoder.unbounded
            switch self {
            case .barcode(let barcode): _ = try barcode.validated(at: path)
            case .qrCode(let qrCode): _ = try encoder.qrModuleSize(qrCode, at: path)
            case .pdf417(let pdf417): try encoder.validate(pdf417, at: path)
            case .dataMatrix(let dataMatrix): try encoder.validate(dataMatrix, at: path)
            case .aztecCode(let aztecCode): try encoder.validate(aztecCode, at: path)
            case .maxiCode(let maxiCode): try encoder.validate(maxiCode, at: path)
            }
        }
    }

    /// Runs `body`, passing ``EscPosError``s through and wrapping anything else (which would be a bug).
    static func typed<T>(at path: DocumentPath, _ body: () throws -> T) throws(EscPosError) -> T {
        do {
            return try body()
        } catch let error as EscPosError {
            throw error
        } catch {
            throw EscPosError(.invalidDocument, at: path, "unexpected error: \(error)")
        }
    }
}

extension SymbolCommandEncoder {
    /// An encoder for a printer with every symbology and endless paper: validation without a profile.
    static let unbounded = SymbolCommandEncoder(
        capabilities: SymbolCapabilities(
            printableWidth: 1 << 30,
            barcodes: Set(Barcode.Symbology.allKnown),
            twoDimensionalCodes: [.qrCode, .microQRCode, .pdf417, .dataMatrix, .aztecCode, .maxiCode]
        )
    )
}

extension SymbolCapabilities {
    /// The symbol capabilities of `profile` for a line `printableWidth` dots wide.
    ///
    /// Every ESC/POS printer with `GS k` draws UPC, EAN, Code 39, ITF and Codabar; function B printers add
    /// Code 93 and Code 128 (and GS1-128 through Code 128 with FNC1); printers with GS1 DataBar also have
    /// `GS k` 74 (GS1-128), which came with it. Micro QR is never assumed.
    public init(profile: PrinterProfile, printableWidth: Int) {
        let capabilities = profile.capabilities
        var barcodes: Set<Barcode.Symbology> = [.upcA, .upcE, .ean13, .ean8, .code39, .itf, .itf14, .codabar]
        if capabilities.barcodeFunctionB { barcodes.formUnion([.code93, .code128]) }
        if capabilities.gs1DataBar, capabilities.barcodeFunctionB {
            barcodes.formUnion([
                .gs1128, .gs1DataBarOmnidirectional, .gs1DataBarTruncated, .gs1DataBarLimited, .gs1DataBarExpanded,
            ])
        }
        var twoDimensional: Set<TwoDimensionalSymbology> = []
        if capabilities.qrCode { twoDimensional.insert(.qrCode) }
        if capabilities.pdf417 { twoDimensional.insert(.pdf417) }
        if capabilities.dataMatrix { twoDimensional.insert(.dataMatrix) }
        if capabilities.aztec { twoDimensional.insert(.aztecCode) }
        if capabilities.maxiCode { twoDimensional.insert(.maxiCode) }
        self.init(
            printableWidth: printableWidth,
            barcodeFunctionB: capabilities.barcodeFunctionB,
            barcodes: barcodes,
            twoDimensionalCodes: twoDimensional
        )
    }

    /// Whether the printer draws `symbol` itself.
    func canPrintNatively(_ symbol: Symbol) -> Bool {
        switch symbol {
        case .barcode(let barcode): canPrintNatively(barcode.symbology)
        case .qrCode(let qr): twoDimensionalCodes.contains(qr.model == .micro ? .microQRCode : .qrCode)
        case .pdf417: twoDimensionalCodes.contains(.pdf417)
        case .dataMatrix: twoDimensionalCodes.contains(.dataMatrix)
        case .aztecCode: twoDimensionalCodes.contains(.aztecCode)
        case .maxiCode: twoDimensionalCodes.contains(.maxiCode)
        }
    }
}
