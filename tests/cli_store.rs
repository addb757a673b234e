//! Store and listing commands on the seed graph.
