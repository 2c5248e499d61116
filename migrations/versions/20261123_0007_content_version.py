"""content version: one number raised by every commit that changes what pages show

Cached pages (pvenet/pagecache.py) are kept under it, so a change is seen at once.

Revision ID: 0007_content_version
Revises: 0006_themes
Create Date: 2026-11-23 16:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_content_version'
down_revision = '0006_themes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('content_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_version'))
    )


def downgrade():
    op.drop_table('content_version')
