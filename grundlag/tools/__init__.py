"""The leadership toolbox (source 002, "Fælles om Ledelse"): the tools' definitions as content, built-in
and local, versioned, in the format of docs/tools.md."""
