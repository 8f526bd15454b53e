package echo

import "errors"

// ErrOptions is returned (wrapped) by New for options it cannot use.
var ErrOptions = errors.New("echo: invalid options")
