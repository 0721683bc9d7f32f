-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
--> statement-breakpoint
-- The workflow's legal moves: draft -> submitted -> approved | returned. Only a draft changes
-- freely; a submitted revision may only be decided (its payload untouched); a decided one is final.
CREATE TRIGGER `revisions_transitions` BEFORE UPDATE ON `revisions`
WHEN NOT (
	(OLD.`status` = 'draft' AND NEW.`status` IN ('draft', 'submitted'))
	OR (
		OLD.`status` = 'submitted' AND NEW.`status` IN ('approved', 'returned')
		AND NEW.`payload` = OLD.`payload`
		AND NEW.`submitted_by` = OLD.`submitted_by`
		AND NEW.`entity_type` = OLD.`entity_type`
		AND (OLD.`entity_id` IS NULL OR NEW.`entity_id` = OLD.`entity_id`)
	)
)
BEGIN
	SELECT RAISE(ABORT, 'revision workflow: illegal transition');
END;
--> statement-breakpoint
CREATE TRIGGER `revisions_delete_drafts_only` BEFORE DELETE ON `revisions`
WHEN OLD.`status` <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'revision workflow: only a draft can be deleted');
END;
