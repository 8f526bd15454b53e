package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fimi/internal/ingest"
)

// cknabsDecoder reads the cknabs posts.csv: one EUvsDisinfo case per row.
//
// Mapping: ID is the case URL exactly as in the id column (https://euvsdisinfo.eu/report/<slug>/),
// URL its canonical form; Text and Title are the case title (EUvsDisinfo's one-line English
// statement of the claim); Published is the date; Countries, Keywords and Languages are the
// '+'-separated cells; each outlet becomes an "outlet:<name>" tag. Related holds the publication
// URLs listed for the case in the publications_*.csv companions (every one found is read; rows
// are joined on the case URL exactly), Summary and Disproof come from annotations*.csv
// companions when present. Raw is the row as a JSON object in header order, plus
// "publications" (publication and archive URLs) and the annotation columns when joined.
//
// Rejected: rows with a field count other than the header's, malformed quoting, invalid UTF-8,
// an empty id or title, or a date that does not parse.
type cknabsDecoder struct {
	t     *table
	opt   Options
	pubs  map[string][]publication
	notes map[string]annotation
	cols  map[string]int
}

type publication struct {
	Publication string `json:"publication"`
	Archive     string `json:"archive,omitempty"`
}

type annotation struct {
	fields map[string]string // column -> value, in the annotation file's header
	order  []string
}

func openCknabs(r io.Reader, opt Options) (Decoder, error) {
	d := &cknabsDecoder{opt: opt, pubs: map[string][]publication{}, notes: map[string]annotation{}}
	for _, p := range findCompanions(opt, "publications*.csv") {
		err := readCompanion(p, publicationsHeader, func(t *table, f []string) error {
			id := strings.TrimSpace(f[0])
			d.pubs[id] = append(d.pubs[id], publication{Publication: strings.TrimSpace(f[1]), Archive: strings.TrimSpace(f[2])})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, p := range findCompanions(opt, "annotations*.csv") {
		err := readCompanion(p, annotationsHeader, func(t *table, f []string) error {
			a := annotation{fields: map[string]string{}, order: t.header[1:]}
			for i, h := range t.header[1:] {
				a.fields[h] = f[i+1]
			}
			d.notes[strings.TrimSpace(f[0])] = a
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	d.t = newTable(r, opt.Name, opt.maxBytes(), ',', false)
	if err := d.t.readHeader(); err != nil {
		return nil, err
	}
	d.cols = map[string]int{}
	for _, c := range cknabsHeader {
		i, ok := d.t.col(c)
		if !ok {
			return nil, fmt.Errorf("%s: no column %q in header", opt.Name, c)
		}
		d.cols[c] = i
	}
	return d, nil
}

// Next implements Decoder.
func (d *cknabsDecoder) Next() (Record, error) {
	r, err := d.t.next()
	if err != nil {
		return Record{}, err
	}
	rec := Record{Line: r.line, Verbatim: r.verbatim}
	if r.err == nil {
		r.err = d.t.checkWidth(r)
	}
	if r.err != nil {
		rec.Err = r.err
		return rec, nil
	}
	rec.Err = d.decode(&rec, r.fields)
	if rec.Err == nil {
		rec.Verbatim = nil
	}
	return rec, nil
}

func (d *cknabsDecoder) decode(rec *Record, f []string) error {
	get := func(c string) string { return strings.TrimSpace(f[d.cols[c]]) }
	c := euClaim()
	c.ID = get("id")
	if c.ID == "" {
		return &ingest.FieldError{Field: "id", Err: errors.New("empty case URL")}
	}
	c.URL = c.ID
	c.Text, c.Title = get("title"), get("title")
	if c.Text == "" {
		return &ingest.FieldError{Field: "title", Err: ErrNoText}
	}
	var err error
	if c.Published, err = dateField("date", get("date")); err != nil {
		return err
	}
	c.Countries = splitOn(get("countries"), "+")
	c.Keywords = splitOn(get("keywords"), "+")
	c.Languages = splitOn(get("languages"), "+")
	c.Tags = prefixed("outlet:", splitOn(get("outlets"), "+"))
	var raw rawObject
	for i, h := range d.t.header {
		raw.add(h, f[i])
	}
	if pubs := d.pubs[c.ID]; len(pubs) > 0 {
		for _, p := range pubs {
			c.Related = append(c.Related, p.Publication)
		}
		raw.add("publications", pubs)
	}
	if a, ok := d.notes[c.ID]; ok {
		c.Summary, c.Disproof = strings.TrimSpace(a.fields["summary"]), strings.TrimSpace(a.fields["disproof"])
		for _, h := range a.order {
			raw.add(h, a.fields[h])
		}
	}
	c.Raw = raw.bytes()
	if err := finish(&c, policy{}); err != nil {
		return err
	}
	rec.Claim = c
	return nil
}
