//! The passes again after an edit of a few durations, over the nodes the edit can move
//! only. A node's early dates depend on its duration and its predecessors' dates, its late
//! dates and floats on its successors' and the project finish: a node is computed again when
//! one of those changed, and what did not change stops the wave. On a 100k-task plan an edit
//! that moves a handful of tasks then visits a handful of nodes instead of every node twice.

use super::network::*;

impl CompiledPlan {
    /// [`CompiledPlan::run`] for a network `buf` holds a run of (by
    /// [`CompiledPlan::run_base`] or by this), computing again only what `durations` can
    /// change: the nodes whose duration differs from that run's or whose spans changed since
    /// (`respanned`: plan task indices, see [`CompiledPlan::respan`]), what their changes
    /// reach forward, then backward. Gives what `run` gives (property tests below and in
    /// `reuse`). The whole passes run instead when `buf` holds no such run, when the plan
    /// has ALAP tasks (their late dates feed the forward pass), or without free float.
    ///
    /// The nodes it computed again (some more than once), in no order: a node not among them
    /// has every value of that run. `None` when it ran the whole passes.
    pub(crate) fn rerun(
        &self,
        durations: &[i64],
        respanned: &[usize],
        buf: &mut Buffers,
    ) -> Option<Vec<u32>> {
        let m = self.node_task.len();
        let kept = buf.dur_in.len() == m
            && buf.es.len() == m
            && buf.pf_pos.len() == self.timelines.len()
            && buf.rd_in.len() == self.drivers.len();
        if !kept || self.any_alap || buf.no_free_float {
            buf.prepare(m, self.timelines.len(), self.any_alap);
            self.node_durations(durations, &mut buf.dur);
            buf.dur_in.clone_from(&buf.dur);
            self.passes(buf);
            return None;
        }
        let mut next = std::mem::take(&mut buf.next_dur);
        next.resize(m, 0);
        self.node_durations(durations, &mut next);
        buf.fwd_mark.resize(m, false);
        buf.bwd_mark.resize(m, false);
        let mut first = m;
        for (k, (now, was)) in next.iter().zip(&buf.dur_in).enumerate() {
            if now != was {
                buf.fwd_mark[k] = true;
                first = first.min(k);
            }
        }
        for &i in respanned {
            if let Some(&k) = self.task_node.get(i).filter(|&&k| k != NONE) {
                buf.fwd_mark[k as usize] = true;
                first = first.min(k as usize);
            }
        }
        std::mem::swap(&mut buf.dur_in, &mut next);
        buf.next_dur = next;
        let mut visited = Vec::new();
        let end = self.forward_marked(first, buf, &mut visited);
        let finish = buf.finish;
        self.project_finish(buf);
        if buf.finish == finish {
            self.backward_marked(end, buf, &mut visited);
            Some(visited)
        } else {
            // Every node's late dates count back from the project finish.
            buf.bwd_mark[..end].fill(false);
            self.backward::<true, true>(buf);
            None
        }
    }

    /// The forward pass over the nodes marked in `buf.fwd_mark` from `first` on (and those
    /// their changes reach), clearing the marks; marks for the backward pass each node
    /// visited and, when its dates moved, its predecessors (their free float reads them).
    /// One past the last node marked backward (0: none). Each node visited goes to `visited`.
    fn forward_marked(&self, first: usize, buf: &mut Buffers, visited: &mut Vec<u32>) -> usize {
        let mut end = 0;
        for j in first..self.node_task.len() {
            if !buf.fwd_mark[j] {
                continue;
            }
            buf.fwd_mark[j] = false;
            visited.push(j as u32);
            let before = (buf.es[j], buf.ef[j], buf.dur[j], buf.fin_form[j]);
            buf.dur[j] = buf.dur_in[j];
            let sp = self.special[j];
            if sp != NONE {
                let rd = self.specials[sp as usize].rd;
                if rd != NONE {
                    // Set again from its duration, as the whole pass sets it.
                    buf.rd_in[rd as usize] = MIN;
                }
            }
            self.forward_node::<false>(buf, j, false);
            buf.bwd_mark[j] = true;
            end = end.max(j + 1);
            if (buf.es[j], buf.ef[j], buf.dur[j], buf.fin_form[j]) != before {
                for e in self.out_off[j] as usize..self.out_off[j + 1] as usize {
                    buf.fwd_mark[self.outs[e].node as usize] = true;
                }
                for e in self.in_off[j] as usize..self.in_off[j + 1] as usize {
                    buf.bwd_mark[self.ins[e].node as usize] = true;
                }
            }
        }
        end
    }

    /// The backward pass (late dates and floats) over the nodes marked in `buf.bwd_mark`
    /// below `end`, and the predecessors of those whose late dates moved, clearing the marks;
    /// each node visited goes to `visited`.
    fn backward_marked(&self, end: usize, buf: &mut Buffers, visited: &mut Vec<u32>) {
        for i in (0..end).rev() {
            if !buf.bwd_mark[i] {
                continue;
            }
            buf.bwd_mark[i] = false;
            visited.push(i as u32);
            let before = (buf.ls[i], buf.lf[i]);
            self.backward_node::<true, true>(buf, i);
            if (buf.ls[i], buf.lf[i]) != before {
                for e in self.in_off[i] as usize..self.in_off[i + 1] as usize {
                    buf.bwd_mark[self.ins[e].node as usize] = true;
                }
            }
        }
    }
}
