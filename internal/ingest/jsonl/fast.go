package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

// record is the default layout, decoded without building a generic map. Fields that may be
// strings or numbers (ids, dates, counts) or strings or lists (links, tags) keep their raw JSON.
type record struct {
	ID        json.RawMessage `json:"id"`
	Platform  *string         `json:"platform"`
	Account   *string         `json:"account"`
	Author    *string         `json:"author"`
	Outlet    *string         `json:"outlet"`
	URL       *string         `json:"url"`
	Title     *string         `json:"title"`
	Text      *string         `json:"text"`
	Published json.RawMessage `json:"published"`
	Lang      *string         `json:"lang"`
	Shares    json.RawMessage `json:"shares"`
	ReplyTo   json.RawMessage `json:"reply_to"`
	URLs      json.RawMessage `json:"urls"`
	Hashtags  json.RawMessage `json:"hashtags"`
	Mentions  json.RawMessage `json:"mentions"`
	Views     json.RawMessage `json:"views"`
}

var null = []byte("null")

// value converts one raw JSON member to an ingest.Value; absent and null are not present.
func value(raw json.RawMessage) (ingest.Value, bool, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, null) {
		return ingest.Value{}, false, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return ingest.Value{}, false, err
		}
		return ingest.Value{S: s}, true, nil
	case '[':
		var l []any
		if err := json.Unmarshal(raw, &l); err != nil {
			return ingest.Value{}, false, err
		}
		v, ok := toValue(l)
		return v, ok, nil
	case 't', 'f':
		return ingest.Value{S: string(raw)}, true, nil
	case '{':
		return ingest.Value{S: string(raw)}, true, nil
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return ingest.Value{}, false, err
	}
	return ingest.Value{S: string(raw), Num: f, IsNum: true}, true, nil
}

// decodeDefault decodes a line in the default layout.
func (d *Decoder) decodeDefault(line []byte) (fimi.Item, error) {
	if line[0] != '{' {
		var v any
		if err := json.Unmarshal(line, &v); err != nil {
			return fimi.Item{}, fmt.Errorf("malformed JSON: %v", err)
		}
		return fimi.Item{}, fmt.Errorf("want a JSON object, got %s", kind(v))
	}
	var r record
	if err := json.Unmarshal(line, &r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fimi.Item{}, &ingest.FieldError{Field: te.Field, Err: fmt.Errorf("want a %s, got a JSON %s", te.Type, te.Value)}
		}
		if bytes.Contains([]byte(err.Error()), []byte("after top-level value")) {
			return fimi.Item{}, errors.New("malformed JSON: trailing data after the object")
		}
		return fimi.Item{}, fmt.Errorf("malformed JSON: %v", err)
	}
	var verr error
	str := func(p *string) (ingest.Value, bool) {
		if p == nil {
			return ingest.Value{}, false
		}
		return ingest.Value{S: *p}, true
	}
	get := func(name string) (ingest.Value, bool) {
		var raw json.RawMessage
		switch name {
		case ingest.FieldPlatform:
			return str(r.Platform)
		case ingest.FieldAccount:
			return str(r.Account)
		case ingest.FieldAuthor:
			return str(r.Author)
		case ingest.FieldOutlet:
			return str(r.Outlet)
		case ingest.FieldURL:
			return str(r.URL)
		case ingest.FieldTitle:
			return str(r.Title)
		case ingest.FieldText:
			return str(r.Text)
		case ingest.FieldLang:
			return str(r.Lang)
		case ingest.FieldID:
			raw = r.ID
		case ingest.FieldPublished:
			raw = r.Published
		case ingest.FieldShares:
			raw = r.Shares
		case ingest.FieldReplyTo:
			raw = r.ReplyTo
		case ingest.FieldURLs:
			raw = r.URLs
		case ingest.FieldHashtags:
			raw = r.Hashtags
		case ingest.FieldMentions:
			raw = r.Mentions
		case ingest.FieldViews:
			raw = r.Views
		}
		v, ok, err := value(raw)
		if err != nil && verr == nil {
			verr = &ingest.FieldError{Field: name, Err: err}
		}
		return v, ok
	}
	it, err := ingest.ItemFromFields(get, d.opt)
	if verr != nil {
		return it, verr
	}
	return it, err
}
