/// UPC-E zero suppression: the rules that turn a UPC-A number into its 8-digit UPC-E form and back.
enum UPCE {
    /// Expands a six-digit UPC-E body with number system `numberSystem` into the 11 UPC-A digits before
    /// the check digit.
    static func expand(body: [UInt8], numberSystem: UInt8) -> [UInt8] {
        let zero = UInt8(ascii: "0")
        let d = body
        let zeros = { (count: Int) in [UInt8](repeating: zero, count: count) }
        switch d[5] - zero {
        case 0, 1, 2:
            return [numberSystem, d[0], d[1], d[5]] + zeros(4) + [d[2], d[3], d[4]]
        case 3:
            return [numberSystem, d[0], d[1], d[2]] + zeros(5) + [d[3], d[4]]
        case 4:
            return [numberSystem, d[0], d[1], d[2], d[3]] + zeros(5) + [d[4]]
        default:
            return [numberSystem, d[0], d[1], d[2], d[3], d[4]] + zeros(4) + [d[5]]
        }
    }

    /// Compresses the 11 UPC-A digits before the check digit into a six-digit UPC-E body, or returns `nil`
    /// when the number has no UPC-E form.
    static func compress(_ upcA: [UInt8]) -> [UInt8]? {
        let zero = UInt8(ascii: "0")
        let manufacturer = Array(upcA[1...5])
        let product = Array(upcA[6...10])
        let isZero = { (digits: ArraySlice<UInt8>) in digits.allSatisfy { $0 == zero } }
        let body: [UInt8]?
        if manufacturer[2] <= UInt8(ascii: "2"), isZero(manufacturer[3...4]), isZero(product[0...1]) {
            body = [manufacturer[0], manufacturer[1], product[2], product[3], product[4], manufacturer[2]]
        } else if isZero(manufacturer[3...4]), isZero(product[0...2]) {
            body = [manufacturer[0], manufacturer[1], manufacturer[2], product[3], product[4], UInt8(ascii: "3")]
        } else if manufacturer[4] == zero, isZero(product[0...3]) {
            body = [manufacturer[0], manufacturer[1], manufacturer[2], manufacturer[3], product[4], UInt8(ascii: "4")]
        } else if isZero(product[0...3]), product[4] >= UInt8(ascii: "5") {
            body = manufacturer + [product[4]]
        } else {
            body = nil
        }
        // Only accept a body that expands back to the same number (the rules overlap at their edges).
        guard let body, expand(body: body, numberSystem: upcA[0]) == upcA else { return nil }
        return body
    }
}
