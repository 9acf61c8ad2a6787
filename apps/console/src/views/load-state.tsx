import type { ComponentChildren } from 'preact';
import type { Resource } from '../use-resource.ts';

/** Renders a resource's loading and error states, and `children(data)` when ready. */
export function LoadState<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ComponentChildren;
}) {
  if (resource.status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (resource.status === 'error') {
    return (
      <div role="alert" class="error">
        <p>{resource.error.message}</p>
        <button type="button" onClick={resource.reload}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(resource.data)}</>;
}
