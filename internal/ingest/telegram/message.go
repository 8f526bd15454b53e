package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

// message holds the fields of an exported message that the mapping uses. Fields whose JSON
// type varies between exporters are kept raw and parsed by hand.
type message struct {
	ID              json.RawMessage `json:"id"`
	Type            string          `json:"type"`
	Date            string          `json:"date"`
	DateUnix        json.RawMessage `json:"date_unixtime"`
	From            string          `json:"from"`
	FromID          string          `json:"from_id"`
	Author          string          `json:"author"`
	ForwardedFrom   json.RawMessage `json:"forwarded_from"`
	ForwardedFromID string          `json:"forwarded_from_id"`
	ForwardedMsgID  json.RawMessage `json:"forwarded_from_message_id"`
	ReplyTo         json.RawMessage `json:"reply_to_message_id"`
	ReplyToPeer     string          `json:"reply_to_peer_id"`
	Views           *int64          `json:"views"`
	Photo           string          `json:"photo"`
	File            string          `json:"file"`
	FileName        string          `json:"file_name"`
	MediaType       string          `json:"media_type"`
	MimeType        string          `json:"mime_type"`
	Text            json.RawMessage `json:"text"`
	TextEntities    *[]entity       `json:"text_entities"`
}

// entity is one formatted part of a text.
type entity struct {
	Type   string          `json:"type"`
	Text   string          `json:"text"`
	Href   string          `json:"href"`
	UserID json.RawMessage `json:"user_id"`
}

// forward is the "forward" object of Raw.
type forward struct {
	From      *string `json:"from"`
	FromID    string  `json:"from_id,omitempty"`
	ChatID    string  `json:"chat_id,omitempty"`
	MessageID int64   `json:"message_id,omitempty"`
}

// media is the "media" object of Raw.
type media struct {
	Type     string `json:"type"`
	File     string `json:"file,omitempty"`
	FileName string `json:"file_name,omitempty"`
	MimeType string `json:"mime_type,omitempty"`
}

// dateLayout is how Telegram Desktop writes "date": local time without a zone.
const dateLayout = "2006-01-02T15:04:05"

var (
	errMissing    = errors.New("missing")
	errNotInteger = errors.New("not an integer")
	errBadText    = errors.New("neither a string nor an array of strings and entities")
	errBadPeer    = errors.New("not a peer id like channel123, chat123 or user123")
)

func newItem() fimi.Item { return fimi.Item{Platform: fimi.PlatformTelegram} }

// record maps one message (raw, starting on line) of the current chat. ok is false when the
// message is skipped (not of type "message"). raw is not retained.
func (d *Decoder) record(raw []byte, line int) (rec ingest.Record, ok bool) {
	rec.Line = line
	rec.Item = newItem()
	var m message
	uerr := json.Unmarshal(raw, &m)
	var ute *json.UnmarshalTypeError
	if uerr != nil && errors.As(uerr, &ute) && ute.Field == "type" {
		return d.reject(rec, raw, fieldError(raw, ute)), true
	}
	if m.Type != "" && m.Type != "message" {
		return rec, false
	}
	if uerr != nil {
		if errors.As(uerr, &ute) {
			return d.reject(rec, raw, fieldError(raw, ute)), true
		}
		return d.reject(rec, raw, &ingest.FieldError{Field: "message", Err: uerr}), true
	}
	it, err := d.item(&m, raw)
	rec.Item = it
	if err != nil {
		return d.reject(rec, raw, err), true
	}
	// A photo or file without caption is still a post (forwarded media travel in campaigns).
	rec.NoText = m.Photo != "" || m.File != ""
	return rec, true
}

func (d *Decoder) reject(rec ingest.Record, raw []byte, err error) ingest.Record {
	rec.Item.Raw = nil
	rec.Verbatim = bytes.Clone(raw)
	rec.Err = err
	return rec
}

// fieldError names the field of a JSON type error, with its value when it is a top-level field.
func fieldError(raw []byte, ute *json.UnmarshalTypeError) *ingest.FieldError {
	fe := &ingest.FieldError{Field: ute.Field, Err: ute}
	if fe.Field == "" {
		fe.Field = "message"
		return fe
	}
	if !strings.Contains(fe.Field, ".") {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) == nil {
			fe.Value = ingest.Short(string(obj[fe.Field]), 60)
		}
	}
	return fe
}

// item maps a decoded message; on error the item carries what was mapped before it.
func (d *Decoder) item(m *message, raw []byte) (fimi.Item, error) {
	c := &d.chat
	it := newItem()
	id, err := parseInt(m.ID)
	if err != nil {
		return it, &ingest.FieldError{Field: "id", Value: short(m.ID), Err: err}
	}
	ids := strconv.FormatInt(id, 10)
	if c.idErr != nil {
		return it, c.idErr
	}
	if c.id != "" {
		it.NativeID = c.id + "/" + ids
	}

	switch {
	case len(m.DateUnix) > 0 && string(m.DateUnix) != "null":
		sec, err := parseInt(m.DateUnix)
		if err != nil {
			return it, &ingest.FieldError{Field: "date_unixtime", Value: short(m.DateUnix), Err: err}
		}
		it.Published = time.Unix(sec, 0).UTC()
	case m.Date != "":
		t, err := time.Parse(dateLayout, m.Date)
		if err != nil {
			return it, &ingest.FieldError{Field: "date", Value: ingest.Short(m.Date, 60), Err: err}
		}
		it.Published = t
	default:
		return it, &ingest.FieldError{Field: "date", Err: errMissing}
	}

	if c.typ == "public_channel" || c.typ == "private_channel" {
		it.Account = c.username
		if it.Account == "" {
			it.Account = c.name
		}
	}
	if it.Account == "" {
		it.Account = m.FromID
	}
	if it.Account == "" {
		it.Account = m.From
	}
	it.Author = m.Author
	if it.Author == "" {
		it.Author = m.From
	}
	if it.Author == it.Account {
		it.Author = ""
	}

	text, ents, err := parseText(m.Text, m.TextEntities)
	if err != nil {
		return it, err
	}
	it.Text = text
	it.URLs, it.Hashtags, it.Mentions = extract(ents)

	var fwd *forward
	if len(m.ForwardedFrom) > 0 || m.ForwardedFromID != "" {
		fwd = &forward{FromID: m.ForwardedFromID}
		if len(m.ForwardedFrom) > 0 && string(m.ForwardedFrom) != "null" {
			var name string
			if err := json.Unmarshal(m.ForwardedFrom, &name); err != nil {
				return it, &ingest.FieldError{Field: "forwarded_from", Value: short(m.ForwardedFrom), Err: errors.New("not a string")}
			}
			fwd.From = &name
		}
		if m.ForwardedFromID != "" {
			if fwd.ChatID = peerID(m.ForwardedFromID); fwd.ChatID == "" {
				return it, &ingest.FieldError{Field: "forwarded_from_id", Value: ingest.Short(m.ForwardedFromID, 60), Err: errBadPeer}
			}
		}
		if len(m.ForwardedMsgID) > 0 && string(m.ForwardedMsgID) != "null" {
			if fwd.MessageID, err = parseInt(m.ForwardedMsgID); err != nil {
				return it, &ingest.FieldError{Field: "forwarded_from_message_id", Value: short(m.ForwardedMsgID), Err: err}
			}
		}
		if fwd.ChatID != "" && fwd.MessageID != 0 {
			it.SharesID = fimi.ItemID(fimi.PlatformTelegram, fwd.ChatID+"/"+strconv.FormatInt(fwd.MessageID, 10), "")
		}
	}

	if len(m.ReplyTo) > 0 && string(m.ReplyTo) != "null" {
		reply, err := parseInt(m.ReplyTo)
		if err != nil {
			return it, &ingest.FieldError{Field: "reply_to_message_id", Value: short(m.ReplyTo), Err: err}
		}
		peer := c.id
		if m.ReplyToPeer != "" {
			if peer = peerID(m.ReplyToPeer); peer == "" {
				return it, &ingest.FieldError{Field: "reply_to_peer_id", Value: ingest.Short(m.ReplyToPeer, 60), Err: errBadPeer}
			}
		}
		if peer != "" {
			it.ReplyToID = fimi.ItemID(fimi.PlatformTelegram, peer+"/"+strconv.FormatInt(reply, 10), "")
		}
	}

	if m.Views != nil {
		it.Views = *m.Views
	}
	if c.username != "" && (c.typ == "public_channel" || c.typ == "public_supergroup") {
		it.URL = "https://t.me/" + c.username + "/" + ids
	}

	var med *media
	switch {
	case m.Photo != "":
		med = &media{Type: "photo", File: m.Photo}
	case m.File != "":
		med = &media{Type: m.MediaType, File: m.File, FileName: m.FileName, MimeType: m.MimeType}
		if med.Type == "" {
			med.Type = "file"
		}
	}
	it.Raw = buildRaw(c.json, fwd, med, raw)
	return it, nil
}

// buildRaw returns {"chat":chat,"forward":fwd,"media":med,"message":msg} with msg verbatim.
func buildRaw(chat []byte, fwd *forward, med *media, msg []byte) json.RawMessage {
	var fb, mb []byte
	if fwd != nil {
		fb, _ = json.Marshal(fwd) // cannot fail: strings and numbers
	}
	if med != nil {
		mb, _ = json.Marshal(med)
	}
	b := make([]byte, 0, len(chat)+len(fb)+len(mb)+len(msg)+48)
	b = append(b, `{"chat":`...)
	b = append(b, chat...)
	if fb != nil {
		b = append(b, `,"forward":`...)
		b = append(b, fb...)
	}
	if mb != nil {
		b = append(b, `,"media":`...)
		b = append(b, mb...)
	}
	b = append(b, `,"message":`...)
	b = append(b, msg...)
	return append(b, '}')
}

// parseText returns the plain text of a message and its entities. text is a string, or an
// array of strings and entities; textEntities, when present, lists the entities (and holds the
// text when text is absent). Telegram Desktop writes the same parts in an array text and in
// text_entities, so when both are there the parts are read once, from textEntities.
func parseText(text json.RawMessage, textEntities *[]entity) (string, []entity, error) {
	text = bytes.TrimSpace(text)
	var ents []entity
	if textEntities != nil {
		ents = *textEntities
	}
	switch {
	case len(text) == 0 || string(text) == "null" || text[0] == '[' && textEntities != nil:
		return joinTexts(ents), ents, nil
	case text[0] == '"':
		var s string
		if err := json.Unmarshal(text, &s); err != nil {
			return "", nil, &ingest.FieldError{Field: "text", Value: short(text), Err: errBadText}
		}
		return s, ents, nil
	case text[0] != '[':
		return "", nil, &ingest.FieldError{Field: "text", Value: short(text), Err: errBadText}
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(text, &parts); err != nil {
		return "", nil, &ingest.FieldError{Field: "text", Value: short(text), Err: errBadText}
	}
	var sb strings.Builder
	for i, p := range parts {
		switch {
		case len(p) > 0 && p[0] == '"':
			var s string
			if err := json.Unmarshal(p, &s); err != nil {
				return "", nil, &ingest.FieldError{Field: "text." + strconv.Itoa(i), Value: short(p), Err: errBadText}
			}
			sb.WriteString(s)
		case len(p) > 0 && p[0] == '{':
			var e entity
			if err := json.Unmarshal(p, &e); err != nil {
				return "", nil, &ingest.FieldError{Field: "text." + strconv.Itoa(i), Value: short(p), Err: err}
			}
			sb.WriteString(e.Text)
			ents = append(ents, e)
		default:
			return "", nil, &ingest.FieldError{Field: "text." + strconv.Itoa(i), Value: short(p), Err: errBadText}
		}
	}
	return sb.String(), ents, nil
}

// joinTexts concatenates the texts of entities.
func joinTexts(ents []entity) string {
	n := 0
	for _, e := range ents {
		n += len(e.Text)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, e := range ents {
		sb.WriteString(e.Text)
	}
	return sb.String()
}

// extract returns the URLs, hashtags and mentions carried by entities, in order, without
// duplicates, at most MaxEntities each.
func extract(ents []entity) (urls, tags, mentions []string) {
	for _, e := range ents {
		switch e.Type {
		case "link":
			u := strings.TrimSpace(e.Text)
			if u != "" && !strings.Contains(u, "://") {
				u = "http://" + u
			}
			urls = appendUnique(urls, u)
		case "text_link":
			urls = appendUnique(urls, strings.TrimSpace(e.Href))
		case "hashtag":
			tags = appendUnique(tags, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(e.Text), "#")))
		case "mention":
			mentions = appendUnique(mentions, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(e.Text), "@")))
		case "mention_name":
			if uid, err := parseInt(e.UserID); err == nil {
				mentions = appendUnique(mentions, "user"+strconv.FormatInt(uid, 10))
			} else {
				mentions = appendUnique(mentions, strings.ToLower(strings.TrimSpace(e.Text)))
			}
		}
	}
	return urls, tags, mentions
}

func appendUnique(list []string, s string) []string {
	if s == "" || len(list) >= MaxEntities {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// parseInt reads an integer written as a JSON number or as a string of digits.
func parseInt(raw json.RawMessage) (int64, error) {
	s := string(bytes.TrimSpace(raw))
	if s == "" || s == "null" {
		return 0, errMissing
	}
	if s[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, errNotInteger
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errNotInteger
	}
	return n, nil
}

// peerID returns the bare number of a peer id as Telegram Desktop writes it ("channel123",
// "chat123", "user123"); a plain number is taken as it is, and the Bot API spelling of channels
// ("-100123") is accepted too. It returns "" for anything else.
func peerID(s string) string {
	for _, p := range []string{"channel", "chat", "user", "-100", "-"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	if s == "" || len(s) > 19 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

func short(raw json.RawMessage) string { return ingest.Short(string(raw), 60) }
