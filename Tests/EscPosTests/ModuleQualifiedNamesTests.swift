import EscPos
import Testing

/// An app that imports SwiftUI as well writes `EscPos.Text` and `EscPos.Group` (README, "In an app that also
/// imports SwiftUI"). That spelling works only while no type in the module is itself named `EscPos`.
@Suite struct ModuleQualifiedNamesTests {
    @Test func textAndGroupSpelledWithTheModuleNameBuildTheSameReceipt() {
        let qualified = Receipt {
            EscPos.Text("CORNER CAFÉ").bold()
            EscPos.Group { EscPos.Text("PAID") }.reverse()
        }
        let unqualified = Receipt {
            Text("CORNER CAFÉ").bold()
            Group { Text("PAID") }.reverse()
        }
        #expect(qualified == unqualified)
    }
}
