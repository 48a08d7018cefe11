"""Reports: the anonymity gate, the aggregates made at close, the leader, organisation and survey reports."""
