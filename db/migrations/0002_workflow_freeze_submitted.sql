-- A submitted revision is frozen whole while it waits (not only its payload), and whoever
-- drafted it may not decide it either: maker-checker covers the maker, not just the submitter.
DROP TRIGGER `revisions_transitions`;
--> statement-breakpoint
CREATE TRIGGER `revisions_transitions` BEFORE UPDATE ON `revisions`
WHEN NOT (
	(OLD.`status` = 'draft' AND NEW.`status` IN ('draft', 'submitted'))
	OR (
		OLD.`status` = 'submitted' AND NEW.`status` IN ('approved', 'returned')
		AND NEW.`payload` = OLD.`payload`
		AND NEW.`title` = OLD.`title`
		AND NEW.`department_id` = OLD.`department_id`
		AND NEW.`area_id` = OLD.`area_id`
		AND NEW.`created_by` = OLD.`created_by`
		AND NEW.`submitted_by` = OLD.`submitted_by`
		AND NEW.`submitted_at` = OLD.`submitted_at`
		AND NEW.`entity_type` = OLD.`entity_type`
		AND (OLD.`entity_id` IS NULL OR NEW.`entity_id` = OLD.`entity_id`)
		AND NEW.`decided_by` <> OLD.`created_by`
	)
)
BEGIN
	SELECT RAISE(ABORT, 'revision workflow: illegal transition');
END;
