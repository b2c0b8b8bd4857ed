import EscPos
import EscPosBridgeProtocol
import Foundation

/// Checks a receipt document before it is queued, so a backend hears about a bad field at once (422), not
/// from a failed job later. The agent compiles it again for its printer.
struct DocumentValidator: Sendable {
    /// The document's JSON text, canonical (sorted keys), once it validated.
    func validate(_ document: JSONValue, profileName: String) throws(APIErrorResponse) -> String {
        let text: String
        do {
            text = try document.jsonText()
        } catch {
            throw APIErrorResponse(code: "invalidDocument", message: "the document cannot be encoded as JSON")
        }
        let receipt: Receipt
        do {
            receipt = try JSONDecoder().decode(Receipt.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw Self.response(EscPosError(error))
        } catch let error as EscPosError {
            throw Self.response(error)
        } catch {
            throw APIErrorResponse(code: "invalidDocument", message: "\(error)")
        }
        let profile = (try? PrinterProfile.named(receipt.profile ?? profileName)) ?? .generic80mm
        do {
            // No image decoder or symbol renderer here: the relay links neither libpng nor libzint. Errors
            // that only say one is missing are left for the agent, which has them.
            _ = try ReceiptCompiler(profile: profile, options: CompileOptions(strict: receipt.options.strict))
                .compile(receipt)
        } catch let error as EscPosError {
            if error.code != .missingRenderer && error.code != .invalidImage {
                throw Self.response(error)
            }
        } catch {
            throw APIErrorResponse(code: "invalidDocument", message: "\(error)")
        }
        return text
    }

    private static func response(_ error: EscPosError) -> APIErrorResponse {
        APIErrorResponse(
            code: "invalidDocument",
            message: error.message,
            path: "document" + (error.path == .root ? "" : pathSuffix(error.path)),
            documentCode: error.code.rawValue
        )
    }

    private static func pathSuffix(_ path: DocumentPath) -> String {
        let text = "\(path)"
        return text.hasPrefix("[") ? text : "." + text
    }
}
