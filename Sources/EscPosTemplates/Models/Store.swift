public import EscPos

/// The business printed at the top of a sales receipt.
///
/// The optional ``logo`` is an image in the document format's image form: a PNG or JPEG file by
/// `"path"` or as base64 `"data"` (compile with an image decoder, such as EscPosImaging's), or grey
/// `"pixels"`. It prints centred above the name unless it sets its own alignment.
///
/// ```json
/// {"name": "Corner Café", "addressLines": ["12 Harbour Street", "Portsmouth PO1 2AB"], "phone": "023 9200 0000", "taxID": "GB 123 4567 89"}
/// ```
public struct Store: Hashable, Sendable, Codable {
    /// The name, printed large.
    public var name: String
    /// Address lines, printed as given.
    public var addressLines: [String]
    /// A telephone number.
    public var phone: String?
    /// A VAT or sales-tax registration number, which many jurisdictions require on receipts.
    public var taxID: String?
    /// A web address.
    public var website: String?
    /// A logo printed above the name.
    public var logo: RasterImage?

    /// Creates a store header.
    public init(
        name: String,
        addressLines: [String] = [],
        phone: String? = nil,
        taxID: String? = nil,
        website: String? = nil,
        logo: RasterImage? = nil
    ) {
        self.logo = logo
        self.name = name
        self.addressLines = addressLines
        self.phone = phone
        self.taxID = taxID
        self.website = website
    }

    private enum CodingKeys: String, CodingKey {
        case name, addressLines, phone, taxID, website, logo
    }

    /// Decodes a store; only `name` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            addressLines: try container.decode([String].self, forKey: .addressLines, default: []),
            phone: try container.decodeIfPresent(String.self, forKey: .phone),
            taxID: try container.decodeIfPresent(String.self, forKey: .taxID),
            website: try container.decodeIfPresent(String.self, forKey: .website),
            logo: try container.decodeIfPresent(RasterImage.self, forKey: .logo)
        )
    }

    /// Encodes a store, leaving out empty fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeUnlessEmpty(addressLines, forKey: .addressLines)
        try container.encodeIfPresent(phone, forKey: .phone)
        try container.encodeIfPresent(taxID, forKey: .taxID)
        try container.encodeIfPresent(website, forKey: .website)
        try container.encodeIfPresent(logo, forKey: .logo)
    }
}
