extension TextStyle.Alignment {
    /// The `ESC a n` parameter: 0 left, 1 centre, 2 right (the decoder also reads 48–50).
    var commandValue: UInt8 {
        switch self {
        case .left: 0
        case .center: 1
        case .right: 2
        }
    }
}
