package echo

// Compare returns the relation of two documents and the similarity that decided it (None
// and the closest similarity when they are not echoes), with the detector's options and
// thresholds, as if b were added after a. Languages are detected when not given. Unlike Add
// it applies no MinWords limit, and every unit weighs 1 (no document frequencies). Compare
// only reads the options: it is safe for concurrent use with other Compare and Prepare calls.
func (d *Detector) Compare(a, b Doc) (Relation, float64) {
	var fa, fb features
	pa, pb := d.Prepare(a), d.Prepare(b)
	pa.st.unpack(&fa, pa.doc.Lang, nil)
	pb.st.unpack(&fb, pb.doc.Lang, nil)
	sc := &scratch{}
	s := similarities(&fb, &fa, nil, sc, nil)
	return decide(&d.opt.Thresholds, &fb, &fa, &s, sc)
}

// Explain returns the similarities of two documents that Compare decides on.
func (d *Detector) Explain(a, b Doc) Similarities {
	var fa, fb features
	pa, pb := d.Prepare(a), d.Prepare(b)
	pa.st.unpack(&fa, pa.doc.Lang, nil)
	pb.st.unpack(&fb, pb.doc.Lang, nil)
	return similarities(&fb, &fa, nil, &scratch{}, nil)
}

// ComparePrepared is Compare on prepared documents (b taken as the later one) with the
// detector's document frequencies: the exact check the detector applies to its candidates,
// exposed for all-pairs baselines. Prepared documents already added carry the unit weights
// of when they were added. Like Add, it must not run concurrently with the detector's other
// methods.
func (d *Detector) ComparePrepared(a, b *Prepared) (Relation, float64) {
	var fa, fb features
	a.st.unpack(&fa, a.doc.Lang, nil)
	b.st.unpack(&fb, b.doc.Lang, nil)
	s := similarities(&fb, &fa, d.df, &d.sc, nil)
	return decide(&d.opt.Thresholds, &fb, &fa, &s, &d.sc)
}

// Skipped reports whether a prepared document falls under MinWords and would be ignored.
func (p *Prepared) Skipped() bool { return p.skip }

// ID returns the prepared document's id.
func (p *Prepared) ID() string { return p.doc.ID }

// Preload builds the lexicon glossaries of the given languages now rather than on first use
// (a language's first use costs up to seconds for large dictionaries).
func (d *Detector) Preload(langs ...string) {
	for _, l := range langs {
		d.gloss.get(l)
	}
}
