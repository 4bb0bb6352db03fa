"""Beyond one machine: ``coach sync`` on the user's own git, a merge that understands session
files, and ``coach import`` of sessions from another store or an export."""
