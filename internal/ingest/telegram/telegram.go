// Package telegram decodes Telegram Desktop JSON exports (result.json) into items.
//
// Two layouts are read: a single-chat export ({"name", "type", "id", "messages": [...]}) and a
// full account export ({"about", ..., "chats": {"list": [chat, ...]}, "left_chats": {...}}).
// The input is streamed: encoding/json's Decoder.Token walks down to each "messages" array and
// the messages are decoded one at a time, so memory stays bounded by the largest message (see
// ingest.Options.MaxBytes and DefaultMaxBytes), not by the size of the export.
//
// # Mapping
//
// Every message of type "message" (or without a type) becomes one record; "service" messages
// (pins, joins, ...) and "unsupported" ones are skipped and counted (Decoder.Skipped). The decoder delivers raw values and
// leaves normalisation, language detection and item ids to the ingest pipeline:
//
//   - Platform is "telegram".
//   - NativeID is "<chat id>/<message id>", the chat id being the bare number Telegram writes in
//     the chat's "id" (for a channel: 1234567890, the same number that appears as
//     "channel1234567890" in from_id, forwarded_from_id and reply_to_peer_id of other exports).
//     It is therefore stable across exports and across the people exporting, so forwards and
//     replies link up. Users and channels with the same bare number are not told apart.
//     A chat without an id gives messages without NativeID (the pipeline falls back).
//   - Account: for channels (public_channel, private_channel) the channel: its username when
//     known, else its name. For every other chat (groups, personal chats, bots, saved messages)
//     the sender's from_id ("user123", or "channel123" for anonymous admins and linked channels),
//     else the sender's name.
//   - Author: the post signature ("author") if any, else the sender's name ("from"); left empty
//     when it equals Account.
//   - Published: date_unixtime (Unix seconds as a string, or a number), else "date". Telegram
//     writes "date" in the exporting computer's local time without a zone; it is read as UTC
//     and may therefore be off by that zone's offset. A message without either is rejected.
//   - Text: "text" (a string, or an array of strings and entity objects) concatenated to plain
//     text. Telegram Desktop writes the same parts in an array "text" and in "text_entities",
//     so when both are present (and when "text" is absent) the parts of "text_entities" are
//     concatenated instead, which saves decoding them twice. Media-only messages keep their
//     caption, possibly empty; the pipeline decides about empty texts.
//   - URLs from "link" entities (their text; "http://" is prepended when there is no scheme,
//     as Telegram opens them) and "text_link" entities (their href); Hashtags from "hashtag"
//     entities; Mentions from "mention" entities (without '@') and "mention_name" entities
//     ("user<id>", which matches the Account of that user's messages in groups). Hashtags and
//     mentions are lower-cased. Entities come from "text_entities", else from the objects in a
//     "text" array. At most MaxEntities of each kind are kept.
//   - SharesID: for a forward whose origin chat and origin message are both known
//     (forwarded_from_id plus forwarded_from_message_id, which some export tools add), the item
//     id of the origin. Telegram Desktop itself records only the origin chat, so most forwards
//     have no SharesID; their origin is in Raw "forward" (see below) for coordination analysis.
//   - ReplyToID: the item id of "<chat id>/<reply_to_message_id>", or of the chat named by
//     reply_to_peer_id when the reply is to another chat.
//   - Views from "views" (written by some export tools, not by Telegram Desktop).
//   - URL: https://t.me/<username>/<message id> for public channels and supergroups, only when
//     the username is known: from a "username" key of the chat (written by some tools) or, for
//     a single-chat export, from ingest.Options.BaseURL when that is https://t.me/<username>.
//     Telegram Desktop does not export usernames, and none is ever guessed.
//   - Raw: {"chat": {"id", "name", "type", "username"}, "forward": {...}, "media": {...},
//     "message": <the message exactly as read>}. "forward" is present for forwards:
//     {"from": <forwarded_from name or null>, "from_id": <forwarded_from_id>, "chat_id": <its
//     bare number>, "message_id": <origin message id when known>}. "media" is present for
//     photos and files: {"type": "photo" or media_type or "file", "file", "file_name",
//     "mime_type"}. Everything else the export holds (edited_unixtime, reactions, poll,
//     sticker_emoji, saved_from, via_bot, ...) stays in "message".
//
// Telegram Desktop writes control characters in strings as "\xNN", which is not JSON; the
// decoder reads them as "\u00NN" (and Raw holds that spelling).
//
// # Errors
//
// Every record carries Line, the line where its message object starts. A message that cannot be
// mapped (a field of the wrong type, a bad date, a missing id) is returned as a record with Err
// wrapping an *ingest.FieldError that names the field ("date_unixtime", "views", "text.3",
// "chat.id", ...), and Verbatim holding the message as read. A message longer than the size
// limit is returned with Err wrapping ErrTooLarge and Verbatim holding its first MaxBytes bytes;
// the rest is skipped unread into memory and decoding goes on. Invalid or truncated JSON, or a
// document that is not an export, ends the input with a *ParseError carrying the file name and
// line.
package telegram

import (
	"errors"
	"fmt"
	"io"

	"fimi/internal/ingest"
)

// Limits.
const (
	// DefaultMaxBytes is the largest message accepted when ingest.Options.MaxBytes is 0 or
	// less. Telegram texts are at most 4096 characters; with entities written twice and
	// indentation a message stays well under this.
	DefaultMaxBytes = 1 << 20

	// MaxEntities is the largest number of URLs, hashtags and mentions (each) taken from one
	// message's entities; the rest are dropped.
	MaxEntities = 64
)

// Errors returned by the decoder.
var (
	// ErrNotExport reports a JSON document that is not a Telegram Desktop export: not an
	// object, or an object with neither "messages" nor "chats"/"left_chats".
	ErrNotExport = errors.New("not a Telegram Desktop JSON export")

	// ErrTooLarge reports a message (in a rejected record) or another value (fatal) longer
	// than the maximum size.
	ErrTooLarge = errors.New("value too large")
)

// ParseError is the fatal error of a decoder: the input could not be read on at File:Line.
// Err is the cause: io.ErrUnexpectedEOF for a truncated file, a *json.SyntaxError for invalid
// JSON, ErrNotExport, ErrTooLarge, or the reader's error.
type ParseError struct {
	File string // ingest.Options.Name; may be empty
	Line int    // 1-based line where the problem was found
	Err  error
}

func (e *ParseError) Error() string {
	name := e.File
	if name == "" {
		name = "<input>"
	}
	return fmt.Sprintf("telegram export %s:%d: %v", name, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Format is the "telegram" format, registered in package ingest/all. It has no file extensions
// (exports are all named result.json): it is chosen by name or by Sniff. Its Open never fails
// and returns a *Decoder (type-assert it to read Decoder.Skipped). Treat Format as read-only.
var Format = ingest.Format{
	Name:  "telegram",
	Sniff: Sniff,
	Open: func(r io.Reader, opt ingest.Options) (ingest.Decoder, error) {
		return NewDecoder(r, opt), nil
	},
}
