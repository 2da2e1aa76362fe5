"""Peers that cannot run here, with their own published figures (NOT measured on our corpus).

They load model weights from a hub at run time, and these machines reach no hub. Every
figure is quoted from /work/shared/reference/peer_tools.md, which names its source.
"""

from __future__ import annotations

NOT_MEASURED: tuple[dict[str, str], ...] = (
    {
        "peer": "Docling (TableFormer)",
        "why": "layout and TableFormer weights are downloaded from a model hub on first use",
        "accuracy": "TableFormer: PubTabNet TEDS 93.6 all / 90.1 complex tables, PDF input "
        "(TableFormer paper, Table 4); third party: table score 0.887 (opendataloader-bench)",
        "speed": "third party: 0.76 s/page, hardware unknown (opendataloader-bench); a 100-page "
        "report took over 10 min on 2 vCPUs (docling issue #1101)",
    },
    {
        "peer": "gmft (Table Transformer)",
        "why": "TATR weights are fetched from Hugging Face (hf_hub_download)",
        "accuracy": "TATR v1.0 on PubTables-1M: GriTS_Con 0.9850, GriTS_Top 0.9849 "
        "(microsoft/table-transformer README)",
        "speed": "1.381 s/page on a Colab CPU; 1.168 s per table into a DataFrame (gmft README)",
    },
    {
        "peer": "Marker (Surya)",
        "why": "Surya weights come from a model hub (and are cc-by-nc-sa-4.0)",
        "accuracy": "FinTabNet, 99 tables: 0.816, 0.907 with --use_llm (Marker README); "
        "OmniDocBench v1.5 table TEDS 57.88 (Marker 1.8.2)",
        "speed": "2.84 s/page single pages, 0.18 s/page batched, on an H100 (Marker README)",
    },
    {
        "peer": "camelot flavor='ml'",
        "why": "Table Transformer weights from Hugging Face, plus torch",
        "accuracy": "FinTabNet.c: F1 0.750, TEDS* 0.371 (*difflib proxy; camelot comparison.rst)",
        "speed": "about 1 s/page with a GPU (camelot how-it-works.rst)",
    },
)
