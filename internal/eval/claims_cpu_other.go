//go:build !unix

package eval

import "time"

// claimsProcessCPU returns 0: the CPU time of the process is not read on this system.
func claimsProcessCPU() time.Duration { return 0 }
