-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "events" TEXT[] DEFAULT ARRAY['incident.opened', 'incident.team_notified', 'incident.closed']::TEXT[];
