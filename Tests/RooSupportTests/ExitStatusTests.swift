import Delimited
import Layouts
import MappedIO
import Parquet
import RooSupport
import Testing

/// The one mapping of reader/writer errors to sysexits codes (`RooError`).
struct ExitStatusTests {
    @Test func parquetErrorsMapToOneExitStatusEach() {
        let expected: [(ParquetError.Code, RooError.ExitStatus)] = [
            (.notFound, .noInput), (.io, .ioError), (.cannotCreate, .cannotCreate),
            (.notParquet, .dataError), (.encrypted, .dataError), (.corruptFooter, .dataError),
            (.corruptThrift, .dataError),
            (.corruptSchema, .dataError), (.corruptPage, .dataError), (.corruptLevels, .dataError),
            (.corruptValues, .dataError), (.decompression, .dataError), (.unsupported, .dataError),
            (.outOfRange, .dataError),
        ]
        for (code, status) in expected {
            let error = ParquetError(code, "detail", path: "x.parquet")
            #expect(RooError(error).status == status, "\(code)")
            #expect(RooError.from(error).status == status, "\(code)")
            #expect(RooError(error).message == error.description)
        }
    }

    @Test func systemErrorsMapToOneExitStatusEach() {
        let expected: [(SystemError.Code, RooError.ExitStatus)] = [
            (.notFound, .noInput), (.unreadable, .ioError), (.tooShort, .dataError), (.ioError, .ioError),
            (.cannotCreate, .cannotCreate),
        ]
        for (code, status) in expected {
            let error = SystemError(code: code, call: "open", path: "x", errno: 0, detail: "d")
            #expect(RooError.from(error).status == status, "\(code)")
        }
    }

    @Test func textReaderErrorsMapToOneExitStatusEach() {
        let expected: [(DelimitedError.Code, RooError.ExitStatus)] = [
            (.notFound, .noInput), (.io, .ioError), (.decompression, .dataError), (.malformed, .dataError),
        ]
        for (code, status) in expected {
            let error = DelimitedError(code, path: "x.csv", "detail")
            #expect(RooError(error).status == status, "\(code)")
            #expect(RooError.from(error).status == status, "\(code)")
            #expect(RooError(error).message == error.description)
        }
        let missing = LayoutError.missingField(
            path: "x.txt", layout: "census-imdb", column: "origin", candidates: [], fields: [])
        #expect(RooError(missing).status == .usage)
        #expect(RooError(LayoutError.input(DelimitedError(.malformed, path: "x.txt", "bad"))).status == .dataError)
    }

    /// A mapped error keeps the lower layer's error as its cause; roo's own have none.
    @Test func mappedErrorsKeepTheirCause() throws {
        let parquet = ParquetError(.corruptPage, "detail", path: "x.parquet")
        let cause = try #require(RooError(parquet).cause as? ParquetError)
        #expect(cause.code == .corruptPage)
        #expect(RooError.from(DelimitedError(.io, path: "x.csv", "d")).cause is DelimitedError)
        #expect(RooError(.usage, "mine").cause == nil)
    }
}
