package fimi

// Merge folds a newer record of the same item (same ID) into old and reports whether anything
// changed. Old values win where both are set, except that the longer text wins (a feed summary
// gives way to the full page), lists are united, and the larger view count wins. Raw and
// Ingested stay old's: raw records are kept by the store beside the item.
func Merge(old, newer Item) (Item, bool) {
	m := old
	changed := false
	str := func(dst *string, v string) {
		if *dst == "" && v != "" {
			*dst = v
			changed = true
		}
	}
	str(&m.Platform, newer.Platform)
	str(&m.NativeID, newer.NativeID)
	str(&m.Account, newer.Account)
	str(&m.Author, newer.Author)
	str(&m.Outlet, newer.Outlet)
	str(&m.URL, newer.URL)
	str(&m.Title, newer.Title)
	str(&m.SharesID, newer.SharesID)
	str(&m.ReplyToID, newer.ReplyToID)
	if len([]rune(newer.Text)) > len([]rune(m.Text)) {
		m.Text, m.Hash = newer.Text, newer.Hash
		if newer.Lang != "" {
			m.Lang = newer.Lang
		}
		changed = true
	}
	str(&m.Lang, newer.Lang)
	str(&m.Hash, newer.Hash)
	if m.Published.IsZero() && !newer.Published.IsZero() {
		m.Published = newer.Published
		changed = true
	}
	if newer.Views > m.Views {
		m.Views = newer.Views
		changed = true
	}
	var c bool
	if m.URLs, c = union(m.URLs, newer.URLs); c {
		changed = true
	}
	if m.Hashtags, c = union(m.Hashtags, newer.Hashtags); c {
		changed = true
	}
	if m.Mentions, c = union(m.Mentions, newer.Mentions); c {
		changed = true
	}
	return m, changed
}

// union appends to a the elements of b it lacks, without modifying a's backing array.
func union(a, b []string) ([]string, bool) {
	var out []string
	for _, s := range b {
		found := false
		for _, t := range a {
			if s == t {
				found = true
				break
			}
		}
		if !found {
			for _, t := range out {
				if s == t {
					found = true
					break
				}
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return a, false
	}
	return append(append([]string(nil), a...), out...), true
}
