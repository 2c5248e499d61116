"""facet counts: an index on (theme_id, visibility)

Every facet query of the listing reads the rows of one theme (0: all practices) or of
the themes; without it, each read every row of the table, whose theme rows grow with the
number of practices linked to themes (12,800 rows at 100,000 practices for 1,800 read).

Revision ID: 0008_facet_theme_index
Revises: 0007_content_version
Create Date: 2026-12-03 12:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008_facet_theme_index'
down_revision = '0007_content_version'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('practice_facet_counts', schema=None) as batch_op:
        batch_op.create_index('ix_practice_facet_counts_theme_visibility', ['theme_id', 'visibility'], unique=False)


def downgrade():
    with op.batch_alter_table('practice_facet_counts', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_facet_counts_theme_visibility')
