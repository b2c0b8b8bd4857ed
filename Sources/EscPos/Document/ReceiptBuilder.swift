/// Builds the block list of a ``Receipt`` or ``Group`` from Swift statements.
///
/// Supports `if`, `if`/`else`, `switch`, `for` loops and `#available`, and accepts every element type,
/// ready ``Block`` values, arrays of blocks and any ``ReceiptComponent``.
@resultBuilder
public enum ReceiptBuilder {
    /// Concatenates the statements' blocks.
    public static func buildBlock(_ blocks: [Block]...) -> [Block] { blocks.flatMap { $0 } }
    /// A ready block.
    public static func buildExpression(_ block: Block) -> [Block] { [block] }
    /// A list of blocks.
    public static func buildExpression(_ blocks: [Block]) -> [Block] { blocks }
    /// A paragraph.
    public static func buildExpression(_ text: Text) -> [Block] { [.text(text)] }
    /// A styled group.
    public static func buildExpression(_ group: Group) -> [Block] { [.group(group)] }
    /// A rule.
    public static func buildExpression(_ rule: Rule) -> [Block] { [.rule(rule)] }
    /// A row of columns.
    public static func buildExpression(_ columns: Columns) -> [Block] { [.columns(columns)] }
    /// A key/value line.
    public static func buildExpression(_ keyValue: KeyValue) -> [Block] { [.keyValue(keyValue)] }
    /// A paper feed.
    public static func buildExpression(_ feed: Feed) -> [Block] { [.feed(feed)] }
    /// A cut.
    public static func buildExpression(_ cut: Cut) -> [Block] { [.cut(cut)] }
    /// A drawer pulse.
    public static func buildExpression(_ pulse: DrawerPulse) -> [Block] { [.drawerPulse(pulse)] }
    /// A buzzer signal.
    public static func buildExpression(_ buzzer: Buzzer) -> [Block] { [.buzzer(buzzer)] }
    /// Raw bytes.
    public static func buildExpression(_ raw: RawBytes) -> [Block] { [.raw(raw)] }
    /// A raster image.
    public static func buildExpression(_ image: RasterImage) -> [Block] { [.image(image)] }
    /// A 1D barcode.
    public static func buildExpression(_ barcode: Barcode) -> [Block] { [.barcode(barcode)] }
    /// A QR code.
    public static func buildExpression(_ qrCode: QRCode) -> [Block] { [.qrCode(qrCode)] }
    /// A PDF417 symbol.
    public static func buildExpression(_ pdf417: PDF417) -> [Block] { [.pdf417(pdf417)] }
    /// A Data Matrix symbol.
    public static func buildExpression(_ dataMatrix: DataMatrix) -> [Block] { [.dataMatrix(dataMatrix)] }
    /// An Aztec code.
    public static func buildExpression(_ aztecCode: AztecCode) -> [Block] { [.aztecCode(aztecCode)] }
    /// A MaxiCode symbol.
    public static func buildExpression(_ maxiCode: MaxiCode) -> [Block] { [.maxiCode(maxiCode)] }
    /// A reusable component's body.
    public static func buildExpression(_ component: some ReceiptComponent) -> [Block] { component.body }
    /// An `if` without `else`.
    public static func buildOptional(_ blocks: [Block]?) -> [Block] { blocks ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first blocks: [Block]) -> [Block] { blocks }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second blocks: [Block]) -> [Block] { blocks }
    /// A `for` loop.
    public static func buildArray(_ blocks: [[Block]]) -> [Block] { blocks.flatMap { $0 } }
    /// An `if #available` branch.
    public static func buildLimitedAvailability(_ blocks: [Block]) -> [Block] { blocks }
}
