/// Wakes one waiting task, or the next one to wait: how the session tells a printer's worker that a job
/// arrived, without it polling.
actor Signal {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func fire() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Returns when fired or after `timeout`.
    func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        generation += 1
        let current = generation
        await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(current)
            }
        }
    }

    private func expire(_ waited: Int) {
        guard waited == generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
