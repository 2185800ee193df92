/*
 * Copyright 2018 Example Widgets, Inc.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.widget.retry;

/** Doubles the wait after each failure, up to a ceiling. */
public final class Backoff {
    private final long ceilingMillis;
    private long waitMillis = 10;

    public Backoff(long ceilingMillis) {
        this.ceilingMillis = ceilingMillis;
    }

    public long next() {
        var wait = waitMillis;
        waitMillis = Math.min(ceilingMillis, waitMillis * 2);
        return wait;
    }
}
