// Barcodes and 2D codes: printed by the printer where its profile allows, otherwise drawn by the
// software renderer and printed as a raster image at the printer's dot pitch.

extension CompilationRun {
    mutating func symbol(_ symbol: Symbol, inherited: TextStyle, path: DocumentPath) throws(EscPosError) {
        var style = try resolve(inherited, at: path)
        style.alignment = symbol.alignment ?? style.alignment
        let width = style.printAreaWidth ?? (profile.dotWidth - style.leftMargin)
        let capabilities = SymbolCapabilities(profile: profile, printableWidth: width)
        if !softwareSymbols, capabilities.canPrintNatively(symbol) {
            // The printer already stands at the symbol's alignment, so the encoder sends no ESC a.
            emitStyle(style)
            let encoder = SymbolCommandEncoder(capabilities: capabilities)
            let bytes = try Symbol.typed(at: path) {
                try encoder.encode(symbol, at: path, currentAlignment: style.alignment)
            }
            output.append(contentsOf: bytes)
            return
        }
        try softwareSymbol(symbol, style: style, capabilities: capabilities, path: path)
    }

    private mutating func softwareSymbol(
        _ symbol: Symbol,
        style: ResolvedStyle,
        capabilities: SymbolCapabilities,
        path: DocumentPath
    ) throws(EscPosError) {
        guard let renderer = symbolRenderer else {
            let reason =
                softwareSymbols
                ? "the receipt asks for software symbol rendering"
                : "\(profile.name) cannot draw this \(symbol.kindName) itself"
            throw EscPosError(
                .missingRenderer,
                at: path,
                "\(reason), and the compiler has no symbol renderer. Set CompileOptions.symbolRenderer to "
                    + "ZintSymbolRenderer() from the EscPosSymbolRendering module (it needs libzint), or use a "
                    + "profile that draws it."
            )
        }
        let width = capabilities.printableWidth
        let encoder = SymbolCommandEncoder(capabilities: capabilities)
        var hri: (text: String, barcode: Barcode)?
        let bitmap: MonochromeBitmap = try Symbol.typed(at: path) {
            switch symbol {
            case .barcode(let barcode):
                let validated = try barcode.validated(at: path)
                var normalized = barcode
                normalized.data = validated.normalizedData
                hri = (validated.normalizedData, barcode)
                let lowest = barcode.allowsNarrowerModules ? 1 : barcode.moduleWidth
                var last = MonochromeBitmap(width: 0, height: 0)
                for moduleWidth in stride(from: barcode.moduleWidth, through: lowest, by: -1) {
                    last = try renderer.render(.barcode(normalized), moduleSize: moduleWidth, height: barcode.height)
                    if last.width <= width { return last }
                }
                throw EscPosError(
                    .doesNotFit,
                    at: path.appending("moduleWidth"),
                    "the \(barcode.symbology.rawValue) barcode is \(last.width) dots wide at module width \(lowest) "
                        + "but the printable width is \(width) dots; shorten the data"
                        + (barcode.allowsNarrowerModules ? "." : " or allow narrower modules.")
                )
            case .qrCode(let qrCode):
                let moduleSize = try encoder.qrModuleSize(qrCode, at: path)
                return try renderer.render(symbol, moduleSize: moduleSize, height: 0)
            case .pdf417(let pdf417):
                try encoder.validate(pdf417, at: path)
                return try renderer.render(symbol, moduleSize: pdf417.moduleWidth, height: 0)
            case .dataMatrix(let dataMatrix):
                try encoder.validate(dataMatrix, at: path)
                return try renderer.render(symbol, moduleSize: dataMatrix.moduleSize, height: 0)
            case .aztecCode(let aztecCode):
                try encoder.validate(aztecCode, at: path)
                return try renderer.render(symbol, moduleSize: aztecCode.moduleSize, height: 0)
            case .maxiCode(let maxiCode):
                try encoder.validate(maxiCode, at: path)
                // MaxiCode is a fixed 1-inch symbol: about 2 dots per zint scale unit at 203 dpi.
                return try renderer.render(symbol, moduleSize: max(1, (profile.dpi + 50) / 100), height: 0)
            }
        }
        guard bitmap.width <= width else {
            throw EscPosError(
                .doesNotFit,
                at: path,
                "the \(symbol.kindName) is \(bitmap.width) dots wide but the printable width is \(width) dots; "
                    + "use a smaller module size or less data."
            )
        }
        if let hri, hri.barcode.hriPosition == .above || hri.barcode.hriPosition == .both {
            try humanReadableLine(hri.text, font: hri.barcode.hriFont, style: style, path: path)
        }
        emitStyle(style)
        // The symbol is placed on a line as wide as the print area, so its position does not depend on
        // whether the printer applies ESC a to raster images.
        var line = MonochromeBitmap(width: width, height: bitmap.height)
        let left: Int
        switch style.alignment {
        case .left: left = 0
        case .center: left = (width - bitmap.width) / 2
        case .right: left = width - bitmap.width
        }
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where bitmap[x, y] {
                line[left + x, y] = true
            }
        }
        RasterEncoder(bandHeight: profile.limits.maxRasterBandHeight).rasterBitImage(line, into: &output)
        if let hri, hri.barcode.hriPosition == .below || hri.barcode.hriPosition == .both {
            try humanReadableLine(hri.text, font: hri.barcode.hriFont, style: style, path: path)
        }
    }

    /// The human-readable line of a software-drawn barcode, in the HRI font at the barcode's alignment.
    private mutating func humanReadableLine(
        _ text: String,
        font: Barcode.HRIFont,
        style: ResolvedStyle,
        path: DocumentPath
    ) throws(EscPosError) {
        var textStyle = ResolvedStyle.printerDefault
        textStyle.alignment = style.alignment
        textStyle.leftMargin = style.leftMargin
        textStyle.printAreaWidth = style.printAreaWidth
        textStyle.lineSpacing = style.lineSpacing
        textStyle.font = font == .b && profile.metrics(for: .b) != nil ? .b : .a
        try paragraph(text, style: textStyle, path: path)
    }
}
