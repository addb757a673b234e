//! Graphviz DOT output.
