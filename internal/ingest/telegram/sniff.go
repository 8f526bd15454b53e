package telegram

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// chatTypes are the values Telegram Desktop writes in a chat's "type".
var chatTypes = map[string]bool{
	"saved_messages": true, "replies": true, "verify_codes": true, "personal_chat": true,
	"bot_chat": true, "private_group": true, "private_supergroup": true,
	"public_supergroup": true, "private_channel": true, "public_channel": true,
}

// accountKeys are the top-level keys of a full account export after "about".
var accountKeys = map[string]bool{
	"personal_information": true, "profile_pictures": true, "stories": true, "contacts": true,
	"frequent_contacts": true, "sessions": true, "web_sessions": true, "other_data": true,
	"chats": true, "left_chats": true,
}

// Sniff reports whether head, the first bytes of an input, looks like a Telegram Desktop JSON
// export. It walks the top-level keys it can see: a single-chat export has only "name",
// "type" (a Telegram chat type such as "public_channel"), "id" and "messages"; an account export
// starts with "about" followed by sections such as "personal_information" or "chats". A JSON
// object followed by another value (JSON Lines) is never an export, nor is an object with other
// keys, so a JSON Lines file of posts that happen to carry "type": "public_channel" is not taken.
// A few hundred bytes are enough. Sniff is safe for concurrent use.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var (
		n                             int
		chatType, chatKey, messages   bool
		about, aboutTelegram, section bool
		closed                        bool
	)
walk:
	for ; ; n++ {
		tok, err := dec.Token()
		if err != nil {
			break // the end of head
		}
		if tok == json.Delim('}') {
			closed = true
			break
		}
		key, _ := tok.(string)
		switch {
		case key == "messages":
			messages = true
			break walk // its value may be large; nothing after it is needed
		case key == "type" || key == "name" || key == "id" || key == "username":
			chatKey = true
			v, err := dec.Token()
			if err != nil {
				break walk
			}
			if s, ok := v.(string); ok && key == "type" && chatTypes[s] {
				chatType = true
			}
			if skipTokens(v, dec.Token) != nil {
				break walk
			}
			continue
		case key == "about" && n == 0:
			about = true
			v, err := dec.Token()
			if err != nil {
				break walk
			}
			if s, ok := v.(string); ok && strings.Contains(s, "Telegram") {
				aboutTelegram = true
			}
			if skipTokens(v, dec.Token) != nil {
				break walk
			}
			continue
		case accountKeys[key] && about:
			section = true
			break walk
		}
		return false // a key no export has at this place
	}
	if closed {
		if _, err := dec.Token(); err != io.EOF {
			return false // another value follows: JSON Lines, or garbage
		}
	}
	if about {
		return !chatKey && (section || aboutTelegram)
	}
	return chatType && (messages || !closed)
}

// skipTokens reads past the rest of a value whose first token is tok, taking tokens from next.
func skipTokens(tok json.Token, next func() (json.Token, error)) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := next()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}
