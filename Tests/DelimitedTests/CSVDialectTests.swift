import Delimited
import Testing

@Suite struct CSVDialectTests {
    func detect(_ sample: String) -> CSVDialect {
        Array(sample.utf8).withUnsafeBytes { CSVDialect.detect(sample: $0) }
    }

    @Test func detectsEachCandidate() {
        #expect(detect("a,b,c\n1,2,3\n4,5,6\n") == .comma)
        #expect(detect("a;b;c\n1;2;3\n4;5;6\n") == .semicolon)
        #expect(detect("a\tb\tc\n1\t2\t3\n") == .tab)
        #expect(detect("a|b|c\n1|2|3\n") == .pipe)
        #expect(CSVDialect.semicolon.quote == 34)
    }

    @Test func mostConsistentCountWins() {
        // Decimal commas in a semicolon file: commas vary per line, semicolons do not.
        #expect(detect("name;value\nx;1,5\ny;2,25\nz;3\nw;4\n") == .semicolon)
        // Commas inside text of a tab file.
        #expect(detect("city\tcount\nParis, FR\t3\nRome\t4\n") == .tab)
    }

    @Test func delimitersInsideQuotesDoNotCount() {
        #expect(detect("\"a;b;c\"|\"d;e\"\n\"x;y\"|z\n\"p\"|\"q;r;s;t\"\n") == .pipe)
        // A quoted field spanning lines is one record.
        #expect(detect("a;b\n\"multi\nline, with, commas\";2\nc;3\n") == .semicolon)
    }

    @Test func tiesAndAbsenceGoToComma() {
        #expect(detect("a,b;c\n1,2;3\n") == .comma)
        #expect(detect("just one column\nvalue\n") == .comma)
        #expect(detect("") == .comma)
    }

    @Test func lastUnterminatedLineCountsOnlyWhenAlone() {
        #expect(detect("a;b;c") == .semicolon)
        // The cut-off last line (one comma) does not outvote the complete ones.
        #expect(detect("a;b\n1;2\nx,y") == .semicolon)
    }

    @Test func validity() {
        #expect(CSVDialect.comma.isValid)
        #expect(!CSVDialect(delimiter: 34).isValid)
        #expect(!CSVDialect(delimiter: 10).isValid)
        #expect(!CSVDialect(delimiter: 44, quote: 13).isValid)
    }
}
