// 1D barcodes: `GS H`, `GS f`, `GS h`, `GS w` and `GS k`.

extension SymbolCommandEncoder {
    /// Encodes a 1D barcode as `GS H`, `GS f`, `GS h`, `GS w` and `GS k` (function B where the printer has it).
    ///
    /// - Parameters:
    ///   - barcode: The barcode.
    ///   - path: Where it is in its document, for error messages.
    ///   - currentAlignment: The alignment in effect before the barcode; it is restored afterwards.
    /// - Returns: The command bytes.
    /// - Throws: ``EscPosError``: the codes of ``Barcode/validated(at:)``, `.doesNotFit` when the barcode is
    ///   wider than the printable width, `.unsupportedByProfile` when the printer cannot draw the symbology.
    public func encode(
        _ barcode: Barcode,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try encode(barcode.validated(at: path), at: path, currentAlignment: currentAlignment)
    }

    /// Encodes an already validated barcode; see ``encode(_:at:currentAlignment:)-(Barcode,_,_)``.
    public func encode(
        _ validated: ValidatedBarcode,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        let barcode = validated.barcode
        let symbology = barcode.symbology
        guard capabilities.canPrintNatively(symbology), let system = BarcodeSystem(printing: symbology) else {
            throw EscPosError(
                .unsupportedByProfile,
                at: path.appending("symbology"),
                "this printer cannot draw \(symbology.rawValue) barcodes itself; give the compiler a symbol "
                    + "renderer (EscPosSymbolRendering) to print it as an image."
            )
        }
        var function = system.functionB
        var data = validated.nativeData
        var modules = validated.widths
        if symbology == .gs1128, !(capabilities.barcodes.contains(.gs1128) && capabilities.barcodeFunctionB),
            let code128 = validated.code128
        {
            // Printers without GS k 74: the same symbol through Code 128 with a leading FNC1.
            function = BarcodeSystem.code128Number
            data = code128.bytes
            modules = ValidatedBarcode.BarWidths(narrow: code128.modules)
        }
        let moduleWidth = try fittingModuleWidth(barcode, widths: modules, at: path)
        var bytes: [UInt8] = []
        bytes += alignmentPrefix(barcode.alignment, current: currentAlignment)
        bytes += GSFunction.hriPosition(barcode.hriPosition.commandValue)
        bytes += GSFunction.hriFont(barcode.hriFont.commandValue)
        bytes += GSFunction.barcodeHeight(UInt8(barcode.height))
        bytes += GSFunction.barcodeModuleWidth(UInt8(moduleWidth))
        if capabilities.barcodeFunctionB || system.functionA == nil {
            bytes += GSFunction.barcode(function, UInt8(data.count)) + data
        } else if let functionA = system.functionA {
            bytes += GSFunction.barcode(functionA) + data + [0x00]  // function A: the data ends with NUL
        }
        bytes += alignmentSuffix(barcode.alignment, current: currentAlignment)
        return bytes
    }

    /// The module width to print with: the requested one, or the widest narrower one that fits when allowed.
    func fittingModuleWidth(
        _ barcode: Barcode,
        widths: ValidatedBarcode.BarWidths,
        at path: DocumentPath
    ) throws(EscPosError) -> Int {
        let lowest = barcode.allowsNarrowerModules ? 2 : barcode.moduleWidth
        for moduleWidth in stride(from: barcode.moduleWidth, through: lowest, by: -1)
        where widths.dots(moduleWidth: moduleWidth) <= capabilities.printableWidth {
            return moduleWidth
        }
        let needed = widths.dots(moduleWidth: lowest)
        throw EscPosError(
            .doesNotFit,
            at: path.appending("moduleWidth"),
            "the \(barcode.symbology.rawValue) barcode is \(needed) dots wide at module width \(lowest) but the "
                + "printable width is \(capabilities.printableWidth) dots; "
                + (lowest > 2 ? "use a smaller module width or allow narrower modules, or " : "")
                + "shorten the data."
        )
    }
}
