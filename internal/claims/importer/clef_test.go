package importer

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fimi/internal/testutil"
)

func TestCLEFShared(t *testing.T) {
	dir := testutil.Dataset(t, "clef2020_checkthat_task2")
	d := decodeFile(t, "auto", filepath.Join(dir, "verified_claims.docs.tsv"), Options{})
	if d.format != "clef" || len(d.good) != 10375 || len(d.bad) != 0 {
		t.Fatalf("format %s: %d claims, %d rejects; want 10,375, 0", d.format, len(d.good), len(d.bad))
	}
	ids := d.byID(t)
	for i := range 10375 {
		if _, ok := ids[strconv.Itoa(i)]; !ok {
			t.Fatalf("vclaim_id %d missing", i)
		}
	}
	multi := 0
	for _, r := range d.good {
		if strings.Contains(r.Claim.Text, "\n") || strings.Contains(r.Claim.Title, "\n") {
			multi++
		}
	}
	if multi != 14 {
		t.Errorf("%d claims with line breaks, want 14", multi)
	}
	c := ids["3057"]
	if c.Claim.Text != "Account describes Pamela Murphy’s efforts on behalf of patients at a Veterans\nAdministration hospital." ||
		c.Claim.Title != "A Great Lady Has Passed — Pamela Murphy" {
		t.Errorf("3057: %q / %q", c.Claim.Text, c.Claim.Title)
	}
	// Lines count the embedded line breaks: the record after a multi-line one starts lower.
	if ids["0"].Line != 2 || ids["10374"].Line != 10376+14 {
		t.Errorf("lines: 0 at %d, 10374 at %d", ids["0"].Line, ids["10374"].Line)
	}
	// Every qrels id of the test split is a claim id.
	q, err := os.Open(filepath.Join(dir, "test", "tweet-vclaim-pairs.qrels"))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	sc := bufio.NewScanner(q)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 4 {
			if _, ok := ids[f[2]]; !ok {
				t.Errorf("qrels vclaim_id %s is not a claim id", f[2])
			}
		}
	}
}

func TestCLEFMalformed(t *testing.T) {
	in := "\tvclaim\ttitle\n" +
		"0\tA claim.\tA title\n" +
		"1\tonly two fields\n" +
		"2\t\"Quoted\nover lines\"\tT2\n" +
		"\t\tNo id\n" +
		"4\tcaf\xe9\tT4\n" +
		"5\t\t\n" +
		"6\tHe said \"no\" twice.\tT6\n"
	d := decodeString(t, "auto", "verified_claims.docs.tsv", in, Options{})
	if d.format != "clef" {
		t.Fatalf("format %s", d.format)
	}
	ids := d.byID(t)
	if len(d.good) != 3 || ids["2"].Claim.Text != "Quoted\nover lines" || ids["6"].Claim.Text != `He said "no" twice.` || ids["6"].Line != 9 {
		t.Errorf("claims %v", ids)
	}
	checkRejects(t, d.bad, []wantReject{
		{3, "has 2 fields, header has 3", ""},
		{6, "empty id", "vclaim_id"},
		{7, "invalid UTF-8", "vclaim"},
		{8, "no claim text", ""},
	})
}
