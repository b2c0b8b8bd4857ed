import ArgumentParser
import EscPos
import EscPosImaging
import EscPosSymbolRendering
import EscPosTemplates
import Foundation

/// The built-in templates the tool can fill with JSON data.
enum TemplateName: String, CaseIterable, ExpressibleByArgument {
    case salesReceipt = "sales-receipt"
    case kitchenTicket = "kitchen-ticket"
    case testPage = "test-page"

    var needsData: Bool { self != .testPage }
}

/// What to print or render: a JSON document, a raw byte file, a template with data, or the sample.
struct JobInput: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "A receipt (.json), text (.txt), an image (.png, .jpg) or for `print` ESC/POS bytes (.bin); - reads "
                + "a JSON document (or with --raw bytes) from standard input."
        ),
        completion: .file(extensions: ["json", "txt", "png", "jpg", "jpeg", "bin"])
    )
    var document: String?

    @Flag(name: .long, help: "Send DOCUMENT's bytes unchanged, whatever its name (for `print`).")
    var raw = false

    @Option(name: .long, help: "Fill a built-in template with --data (test-page needs none).")
    var template: TemplateName?

    @Option(
        name: .long,
        help: "The template's JSON data (an order for sales-receipt, a kitchen order for kitchen-ticket).",
        completion: .file(extensions: ["json"])
    )
    var data: String?

    @Flag(name: .long, help: "Use the built-in sample receipt.")
    var sample = false

    @Option(name: .long, help: "Quick form: a line of text (repeat for more lines).")
    var text: [String] = []

    @Option(
        name: .long,
        help: "Quick form: a PNG or JPEG image, printed after the text.",
        completion: .file(extensions: ["png", "jpg", "jpeg"])
    )
    var image: String?

    @Option(name: .long, help: "Quick form: a QR code of this text.")
    var qr: String?

    @Option(name: .long, help: "Quick form: a barcode, SYMBOLOGY:DATA (ean13:5901234123457, code128:ABC-1).")
    var barcode: String?

    @Flag(name: .long, help: "Quick form: cut the paper at the end.")
    var cut = false

    @Option(
        name: .customLong("image-dir"),
        help: ArgumentHelp(
            "Image paths in the document must be inside this folder (relative paths are taken in it).",
            discussion: "Set it whenever the document comes from someone else: without it, a document can name "
                + "any file this user can read."
        )
    )
    var imageDirectory: String?

    func validate() throws {
        let sources = [document != nil, template != nil, sample, isQuickForm].filter { $0 }.count
        if sources != 1 {
            throw ValidationError(
                "give exactly one of a DOCUMENT, --template, --sample or the quick forms (--text, --image, --qr, "
                    + "--barcode, --cut)"
            )
        }
        if raw, document == nil {
            throw ValidationError("--raw goes with a DOCUMENT (a file, or - for standard input)")
        }
        if let document, !raw, Self.kind(of: document) == nil {
            throw ValidationError(
                "\(document): unknown file type; give a .json document, .txt text, a .png or .jpg image, or .bin "
                    + "(or --raw) bytes"
            )
        }
        if let barcode, barcode.split(separator: ":", maxSplits: 1).count != 2 {
            throw ValidationError("--barcode takes SYMBOLOGY:DATA, such as ean13:5901234123457")
        }
        if let template {
            if template.needsData, data == nil {
                throw ValidationError("--template \(template.rawValue) needs --data FILE with the template's JSON data")
            }
            if !template.needsData, data != nil {
                throw ValidationError("--template \(template.rawValue) takes no --data; it describes the --profile")
            }
        } else if data != nil {
            throw ValidationError("--data goes with --template")
        }
    }

    /// Whether the receipt is given by the quick-form options.
    var isQuickForm: Bool { !text.isEmpty || image != nil || qr != nil || barcode != nil || cut }

    /// The receipt the quick forms describe: the text lines, the image, the QR code, the barcode, then the cut.
    var quickReceipt: Receipt {
        var blocks: [Block] = text.map { .text(Text($0)) }
        if let image { blocks.append(.image(RasterImage(path: image))) }
        if let qr { blocks.append(.qrCode(QRCode(qr))) }
        if let barcode {
            let parts = barcode.split(separator: ":", maxSplits: 1).map(String.init)
            blocks.append(.barcode(Barcode(parts[1], symbology: Barcode.Symbology(rawValue: parts[0]))))
        }
        if cut { blocks.append(.cut(Cut())) }
        return Receipt(blocks: blocks)
    }

    /// What a DOCUMENT is, by its name.
    enum Kind {
        case json, text, image, bytes
    }

    /// The kind a file name says, or `nil` for an unknown extension; `-` (standard input) is JSON.
    static func kind(of path: String) -> Kind? {
        if path == "-" { return .json }
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "txt": return .text
        case "png", "jpg", "jpeg": return .image
        case "bin": return .bytes
        default: return nil
        }
    }

    /// Whether the input is raw bytes that are sent unchanged.
    var isRaw: Bool {
        guard let document else { return false }
        return raw || Self.kind(of: document) == .bytes
    }

    /// The receipt of a text file: each line, encoded through the profile's code pages like any text.
    static func textReceipt(_ path: String) throws -> Receipt {
        let data = try readFile(path)
        guard let content = String(validating: data, as: UTF8.self) else {
            throw CLIError.invalid("the text is not UTF-8; convert it (iconv -t UTF-8) and print it again", file: path)
        }
        var lines = content.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return Receipt(blocks: lines.map { .text(Text($0)) })
    }

    /// The file the input's errors refer to.
    var sourceFile: String? { document ?? data }

    /// Builds the receipt for `profile`, validating template data first.
    func receipt(for profile: PrinterProfile) throws -> Receipt {
        if let document {
            switch Self.kind(of: document) {
            case .text: return try Self.textReceipt(document)
            case .image: return Receipt(blocks: [.image(RasterImage(path: document))])
            default: return try loadReceipt(document)
            }
        }
        if isQuickForm { return quickReceipt }
        guard let template else { return Receipt { SampleReceipt() } }
        do {
            switch template {
            case .salesReceipt:
                let order = try decodeJSON(Order.self, from: data ?? "")
                let receipt = try SalesReceipt(order)
                return Receipt { receipt }
            case .kitchenTicket:
                let order = try decodeJSON(KitchenOrder.self, from: data ?? "")
                let ticket = try KitchenTicket(order)
                return Receipt { ticket }
            case .testPage:
                return Receipt { TestPage(profile: profile) }
            }
        } catch let error as EscPosError {
            throw CLIError.invalid(error.description, file: data)
        }
    }

    /// Picks the profile (`--profile`, else a JSON document's own, else generic 80 mm), then compiles the
    /// receipt for it, printing warnings to standard error.
    func compile(profileOptions: ProfileOptions, strict: Bool) throws -> (PrinterProfile, CompiledReceipt) {
        let profile: PrinterProfile
        let receipt: Receipt
        if let document, Self.kind(of: document) == .json {
            receipt = try loadReceipt(document)
            profile = try profileOptions.load(documentProfile: receipt.profile)
        } else {
            profile = try profileOptions.load()
            receipt = try self.receipt(for: profile)
        }
        return (profile, try compile(receipt, for: profile, strict: strict))
    }

    private func compile(_ receipt: Receipt, for profile: PrinterProfile, strict: Bool) throws -> CompiledReceipt {
        do {
            let result = try ReceiptCompiler(
                profile: profile,
                options: CompileOptions(
                    strict: strict,
                    imageDecoder: ImageDecoder(),
                    symbolRenderer: ZintSymbolRenderer(),
                    imageDirectory: imageDirectory
                )
            ).compile(receipt)
            for warning in result.warnings { writeStandardError("warning: \(warning)") }
            return result
        } catch let error as EscPosError {
            throw CLIError.invalid(error.description, file: sourceFile)
        }
    }
}
