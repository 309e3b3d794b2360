"""Training: data sets (``datasets``), the fit/evaluate loop (``fit``), whole recipes by
catalogue name (``recipes``) and transfer learning (``finetune``)."""
