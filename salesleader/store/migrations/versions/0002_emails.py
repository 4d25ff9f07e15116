"""Emails: one row per message, with its email-report entry (quotes redacted).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "emails",
        sa.Column("message_id", sa.String(500), primary_key=True),
        sa.Column("thread_id", sa.String(500), nullable=False, index=True),
        sa.Column("account_key", sa.String(200), index=True),
        sa.Column("sender_name", sa.String(200)),
        sa.Column("sender_email", sa.String(320)),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("subject", sa.String(1000)),
        sa.Column("score", sa.Float),
        sa.Column("people", sa.JSON, nullable=False),
        sa.Column("entry", sa.JSON, nullable=False),
        sa.Column("analyzer_version", sa.String(20), nullable=False),
        sa.Column("source", sa.String(1000)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("emails")
