@testable import RiskScoring
import DataTables
import Testing

@Suite("Calendar days")
struct CalendarDateTests {
    @Test(arguments: [("1970-01-01", 0), ("2000-03-01", 11017), ("2024-02-29", 19782), ("1969-12-31", -1)])
    func readsISODates(_ text: String, _ days: Int) {
        #expect(CalendarDate(text)?.dayNumber == days)
        #expect(CalendarDate(text)?.description == text)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "24-01-01", "2024-1-01", "2024/01/01", "", "abcd-ef-gh"])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }
}
