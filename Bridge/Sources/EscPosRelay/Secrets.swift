import Crypto
import EscPosBridgeProtocol
import Foundation

/// The relay's secrets: API keys (`bk_<id>_<secret>`), agent credentials (`<agentId>.<secret>`) and
/// enrollment tokens (`et_<secret>`). Only their SHA-256 is stored; a stolen database holds no usable secret.
enum Secrets {
    /// SHA-256, lower-case hex.
    static func hash(_ text: some StringProtocol) -> String {
        hash(bytes: Array(text.utf8))
    }

    /// SHA-256 of bytes, lower-case hex.
    static func hash(bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Compares two hashes in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// A new API key for a key id: `bk_<id without dashes>_<64 hex digits>`.
    static func makeAPIKey(id: String) -> (key: String, secret: String) {
        let secret = BridgeID.secret(bytes: 32)
        return ("bk_\(id.replacingOccurrences(of: "-", with: ""))_\(secret)", secret)
    }

    /// The key id and secret of an API key, or `nil` when it is not one.
    static func parseAPIKey(_ key: some StringProtocol) -> (id: String, secret: String)? {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "bk", parts[1].utf8.count == 32, parts[2].utf8.count == 64 else {
            return nil
        }
        let compact = Array(parts[1])
        let id =
            String(compact[0..<8]) + "-" + String(compact[8..<12]) + "-" + String(compact[12..<16]) + "-"
            + String(compact[16..<20]) + "-" + String(compact[20..<32])
        guard BridgeID.isWellFormed(id) else { return nil }
        return (id, String(parts[2]))
    }

    /// The agent id and secret of a credential, or `nil` when it is not one.
    static func parseCredential(_ credential: some StringProtocol) -> (agentId: String, secret: String)? {
        let parts = credential.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, BridgeID.isWellFormed(parts[0]), parts[1].utf8.count == 64 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// A new enrollment token: 128 random bits.
    static func makeEnrollmentToken() -> String { "et_" + BridgeID.secret(bytes: 16) }
}
