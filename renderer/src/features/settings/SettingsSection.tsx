import { Card, Typography } from 'antd';
import { useId, type ReactNode } from 'react';

/** A titled card that is also a named region, so tests and screen readers can find its fields. */
export function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Typography.Title id={headingId} level={2} style={{ fontSize: 16, margin: 0 }}>
            {title}
          </Typography.Title>
        }
      >
        {children}
      </Card>
    </section>
  );
}
