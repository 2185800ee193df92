// Copyright 2021 The Example Authors.
// SPDX-License-Identifier: MIT

package names

// Join puts names together with commas.
func Join(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ","
		}
		out += n
	}
	return out
}
