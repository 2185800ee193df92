package org.apache.widget.tools;

public final class Orphan {
}
