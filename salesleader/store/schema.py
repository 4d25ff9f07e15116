"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/versions`` create them;
this module is what queries use."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["accounts", "conversations", "deals", "emails", "login_failures", "metadata",
           "participants", "reports", "sessions", "users", "utterances"]

metadata = sa.MetaData()

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # the name, case-folded
    sa.Column("name", sa.String(200), nullable=False),
)

deals = sa.Table(
    "deals", metadata,
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("account_key", sa.String(200), nullable=False, index=True),
    sa.Column("account_name", sa.String(200), nullable=False),
    sa.Column("owner", sa.String(200)),
    sa.Column("amount", sa.Float),
    sa.Column("outcome", sa.String(10), nullable=False),  # won | lost | open
    sa.Column("created", sa.Date),
    sa.Column("closed", sa.Date),
    sa.Column("list_price", sa.Float),
    sa.Column("discount", sa.Float),  # a fraction: 0.15 = 15 % off list
    sa.Column("source", sa.String(500)),
    sa.Column("line", sa.Integer),
)

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # call
    sa.Column("title", sa.String(500)),
    sa.Column("source", sa.String(1000)),
    sa.Column("format", sa.String(20)),
    sa.Column("started_at", sa.DateTime(timezone=True)),
    sa.Column("duration_s", sa.Float),
    sa.Column("has_timestamps", sa.Boolean, nullable=False),
    sa.Column("account_key", sa.String(200), index=True),
    sa.Column("account_name", sa.String(200)),
    sa.Column("deal_id", sa.String(100)),
    sa.Column("seller_names", sa.JSON, nullable=False),
    sa.Column("seller_how", sa.String(20)),
    sa.Column("redacted", sa.Boolean, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id",
                                                              ondelete="CASCADE"),
              primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("side", sa.String(10), nullable=False),
    sa.Column("email", sa.String(320)),
    sa.Column("title", sa.String(200)),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("talk_s", sa.Float),
)

utterances = sa.Table(
    "utterances", metadata,
    sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id",
                                                              ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("speaker", sa.String(200), nullable=False),
    sa.Column("start_s", sa.Float),
    sa.Column("end_s", sa.Float),
    sa.Column("text", sa.Text, nullable=False),  # redacted unless --keep-pii
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id",
                                                              ondelete="CASCADE"),
              primary_key=True),
    sa.Column("analyzer_versions", sa.JSON, nullable=False),
    sa.Column("index_score", sa.Float),
    sa.Column("report", sa.JSON, nullable=False),  # salesleader.call-report/1, redacted
    sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
)

emails = sa.Table(
    "emails", metadata,
    sa.Column("message_id", sa.String(500), primary_key=True),
    sa.Column("thread_id", sa.String(500), nullable=False, index=True),
    sa.Column("account_key", sa.String(200), index=True),
    sa.Column("sender_name", sa.String(200)),
    sa.Column("sender_email", sa.String(320)),
    sa.Column("side", sa.String(10), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("subject", sa.String(1000)),
    sa.Column("score", sa.Float),
    sa.Column("people", sa.JSON, nullable=False),  # [{name, email, title, role}]
    sa.Column("entry", sa.JSON, nullable=False),  # the email-report entry, quotes redacted
    sa.Column("analyzer_version", sa.String(20), nullable=False),
    sa.Column("source", sa.String(1000)),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("name", sa.String(200), primary_key=True),  # the log-in name
    sa.Column("password_hash", sa.String(300), nullable=False),  # scrypt, salted
    sa.Column("role", sa.String(10), nullable=False),  # rep | manager | admin
    sa.Column("seller", sa.String(200)),  # a rep: the seller name their calls carry
    sa.Column("team", sa.JSON, nullable=False),  # a manager: the reps' seller names
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("token_sha256", sa.String(64), primary_key=True),  # never the token itself
    sa.Column("user_name", sa.String(200), sa.ForeignKey("users.name", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

login_failures = sa.Table(
    "login_failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # The SHA-256 of the case-folded name tried: what anyone types is never stored as text.
    sa.Column("name_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
