/// The `m` byte of `GS k m …`: which barcode symbology to print, and in which form.
///
/// Function A (`m` 0–6) ends its data with NUL; function B (`m` 65–79) gives the length first. This is
/// the one table of those numbers: the compiler looks up the number for a ``Barcode/Symbology``, the
/// decoder, the listing and the virtual printer look up the symbology and its names for a number.
package struct BarcodeSystem: Hashable, Sendable {
    /// The function B number, 65–79.
    package let functionB: UInt8
    /// The symbology the decoder reads data of this number as; `nil` when the package has none.
    package let symbology: Barcode.Symbology?
    /// The name in decoder listings: `EAN13`, `GS1 DataBar Omnidirectional`.
    package let listingName: String
    /// The label in the virtual printer's text rendering: `EAN13`, `DATABAR`.
    package let label: String

    /// The function A number (0–6) of the first seven symbologies; `nil` for the others.
    package var functionA: UInt8? { functionB <= Self.lastFunctionB ? functionB - Self.firstFunctionB : nil }

    private static let firstFunctionB: UInt8 = 65
    private static let lastFunctionB: UInt8 = 71
    /// The highest function A number: `m` up to this is function A (NUL-terminated data).
    package static let lastFunctionA: UInt8 = 6

    /// Code 128 (`GS k 73`), the form GS1-128 takes on printers without `GS k 74`.
    package static let code128Number: UInt8 = 73

    /// Every `GS k` symbology, by function B number.
    package static let all: [BarcodeSystem] = [
        BarcodeSystem(functionB: 65, symbology: .upcA, listingName: "UPC-A", label: "UPC-A"),
        BarcodeSystem(functionB: 66, symbology: .upcE, listingName: "UPC-E", label: "UPC-E"),
        BarcodeSystem(functionB: 67, symbology: .ean13, listingName: "EAN13", label: "EAN13"),
        BarcodeSystem(functionB: 68, symbology: .ean8, listingName: "EAN8", label: "EAN8"),
        BarcodeSystem(functionB: 69, symbology: .code39, listingName: "CODE39", label: "CODE39"),
        BarcodeSystem(functionB: 70, symbology: .itf, listingName: "ITF", label: "ITF"),
        BarcodeSystem(functionB: 71, symbology: .codabar, listingName: "CODABAR", label: "CODABAR"),
        BarcodeSystem(functionB: 72, symbology: .code93, listingName: "CODE93", label: "CODE93"),
        BarcodeSystem(functionB: 73, symbology: .code128, listingName: "CODE128", label: "CODE128"),
        BarcodeSystem(functionB: 74, symbology: .gs1128, listingName: "GS1-128", label: "GS1-128"),
        BarcodeSystem(
            functionB: 75,
            symbology: .gs1DataBarOmnidirectional,
            listingName: "GS1 DataBar Omnidirectional",
            label: "DATABAR"
        ),
        BarcodeSystem(
            functionB: 76,
            symbology: .gs1DataBarTruncated,
            listingName: "GS1 DataBar Truncated",
            label: "DATABAR-TRUNCATED"
        ),
        BarcodeSystem(
            functionB: 77,
            symbology: .gs1DataBarLimited,
            listingName: "GS1 DataBar Limited",
            label: "DATABAR-LIMITED"
        ),
        BarcodeSystem(
            functionB: 78,
            symbology: .gs1DataBarExpanded,
            listingName: "GS1 DataBar Expanded",
            label: "DATABAR-EXPANDED"
        ),
        // Newer Epson printers: Code 128 with the code sets chosen by the printer.
        BarcodeSystem(functionB: 79, symbology: .code128, listingName: "CODE128 auto", label: "CODE128"),
    ]

    /// The system of `GS k` byte `m` (function A 0–6 or function B 65–79); `nil` for other numbers.
    package init?(m: UInt8) {
        let functionB = m <= Self.lastFunctionA ? m + Self.firstFunctionB : m
        guard let system = Self.all.first(where: { $0.functionB == functionB }) else { return nil }
        self = system
    }

    /// The system the compiler prints `symbology` with; ITF-14 is Interleaved 2 of 5.
    package init?(printing symbology: Barcode.Symbology) {
        let printed = symbology == .itf14 ? .itf : symbology
        guard let system = Self.all.first(where: { $0.symbology == printed }) else { return nil }
        self = system
    }

    private init(functionB: UInt8, symbology: Barcode.Symbology?, listingName: String, label: String) {
        self.functionB = functionB
        self.symbology = symbology
        self.listingName = listingName
        self.label = label
    }
}
