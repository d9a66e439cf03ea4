export function AuthCard({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="mb-6 flex items-center gap-2 text-sm font-semibold text-indigo-600 dark:text-indigo-400">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-indigo-600 dark:bg-indigo-400" />
          Secret Keys
        </p>
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
        {children}
      </div>
    </main>
  );
}
