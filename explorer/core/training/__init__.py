"""Training: data sets (``datasets``), the fit/evaluate loop (``fit``), whole recipes by
catalogue name (``recipes``), transfer learning (``finetune``) and the window's watched run
(``live``)."""
